"""Filters in, tidy DataFrames out: every filter is pushed into SQL.

Each function takes an open `Session` and keyword-only filters, and returns a
DataFrame whose columns are listed in its docstring. Nothing here loads a whole
table to filter it in pandas; where a chart would draw more than a few thousand
markers, there is a companion function that aggregates in SQL.

One module per subject: common (defaults, stage groups, statement -> DataFrame), matches
(teams, one team's matches, the league phase), quotations (quotes and reported statements),
checks (articles and the claims checked in them), tables (whole tables for downloads).
Callers use this
package's names: `queries.team_matches(session, ...)`.
"""

from analytics.queries.checks import (
    ARTICLE_COLUMNS,
    CLAIM_COLUMNS,
    article_count,
    articles,
    claims,
    claims_by_source,
    row_counts,
    verdict_group,
)
from analytics.queries.common import (
    CAMPAIGN_END,
    CAMPAIGN_START,
    CHAMPIONS_LEAGUE,
    DEFAULT_TEAM,
    EUROPEAN_STAGES,
    STAGE_GROUPS,
)
from analytics.queries.matches import (
    DESTINATION_COLUMNS,
    LEAGUE_COLUMNS,
    MATCH_COLUMNS,
    league_phase_results,
    league_seasons,
    matches_near,
    matches_of_teams,
    team_destinations,
    team_id,
    team_match_count,
    team_matches,
    team_names,
    team_record,
    team_results_by_month,
    teams,
)
from analytics.queries.quotations import (
    KINDS,
    MENTION_COLUMNS,
    QUOTE_COLUMNS,
    QUOTE_QUERIES,
    WEEK_COLUMNS,
    mentions_in_quotes,
    quote_count,
    quote_filter_options,
    quote_summary,
    quotes,
    quotes_by_week,
)
from analytics.queries.tables import (
    EXPORT_TABLES,
    STORED_TABLES,
    whole_table,
    whole_table_statement,
)

__all__ = [
    "ARTICLE_COLUMNS",
    "CAMPAIGN_END",
    "CAMPAIGN_START",
    "CHAMPIONS_LEAGUE",
    "CLAIM_COLUMNS",
    "DEFAULT_TEAM",
    "DESTINATION_COLUMNS",
    "EUROPEAN_STAGES",
    "EXPORT_TABLES",
    "KINDS",
    "LEAGUE_COLUMNS",
    "MATCH_COLUMNS",
    "MENTION_COLUMNS",
    "QUOTE_COLUMNS",
    "QUOTE_QUERIES",
    "STAGE_GROUPS",
    "STORED_TABLES",
    "WEEK_COLUMNS",
    "article_count",
    "articles",
    "claims",
    "claims_by_source",
    "league_phase_results",
    "league_seasons",
    "matches_near",
    "matches_of_teams",
    "mentions_in_quotes",
    "quote_count",
    "quote_filter_options",
    "quote_summary",
    "quotes",
    "quotes_by_week",
    "row_counts",
    "team_destinations",
    "team_id",
    "team_match_count",
    "team_matches",
    "team_names",
    "team_record",
    "team_results_by_month",
    "teams",
    "verdict_group",
    "whole_table",
    "whole_table_statement",
]
