"""Team reconciliation: one canonical club per real club, across every source.

The verified facts name 40 clubs with all their spellings. Every other name is
matched by its *core* (the name without legal-form words such as 'FC' or 'SK')
and its country; a name that matches nothing becomes a new club only when the
caller allows it (the bundle does; a user's import reports it instead).
"""

from dataclasses import dataclass, field

from ingest.names import normalise, split_country

# Words that say what legal form a club has, not which club it is.
_FORM_WORDS = frozenset(
    [
        "fc", "afc", "cf", "sc", "fk", "sk", "ac", "as", "sv", "bc", "kv", "cd", "ud", "rc", "ss",
        "ssc", "pfc", "nk", "hnk", "gnk", "sl", "if", "bk", "ik", "ff", "aif", "kf", "sfp", "pae",
        "fsv", "tsg", "vfb", "vfl", "bsc", "jk", "tc", "osc", "ogc", "rcd", "sd", "fbc", "cp",
        "club", "calcio", "futbol", "football",
    ]
)


def core_key(name: str) -> str:
    """'FC Bayern München' and 'Bayern München' share the core 'bayern munchen'."""
    words = [w for w in normalise(name).split() if w not in _FORM_WORDS]
    return " ".join(words) or normalise(name)


@dataclass
class TeamEntry:
    name: str
    full_name: str | None = None
    country: str | None = None
    city: str | None = None
    lat: float | None = None
    lon: float | None = None
    source: str = ""
    aliases: set[str] = field(default_factory=set)


class UnknownTeamError(LookupError):
    def __init__(self, names: list[str]) -> None:
        self.names = names
        super().__init__(
            f"Unknown team name(s): {', '.join(sorted(names))}. Add them to the teams file "
            "as aliases of an existing club, or import again allowing new clubs."
        )


class TeamRegistry:
    """Canonical teams plus lookup by exact spelling and by (core, country)."""

    def __init__(self) -> None:
        self.teams: dict[str, TeamEntry] = {}
        self._by_key: dict[str, str] = {}
        self._by_core: dict[tuple[str, str | None], str] = {}

    def add(self, entry: TeamEntry) -> TeamEntry:
        self.teams[entry.name] = entry
        for alias in {entry.name, *(entry.aliases), *([entry.full_name] if entry.full_name else [])}:
            self.add_alias(alias, entry.name)
        return entry

    def add_alias(self, alias: str, team: str) -> None:
        entry = self.teams[team]
        entry.aliases.add(alias)
        bare, country = split_country(alias)
        self._by_key.setdefault(normalise(alias), team)
        self._by_key.setdefault(normalise(bare), team)
        self._by_core.setdefault((core_key(bare), country or entry.country), team)

    def find(self, name: str, country: str | None = None) -> str | None:
        """Canonical name for a spelling, or None when no club matches."""
        bare, code = split_country(name)
        country = code or country
        exact = self._by_key.get(normalise(name))
        if exact and (country is None or self.teams[exact].country in (None, country)):
            return exact
        return self._by_core.get((core_key(bare), country))

    def resolve(self, name: str, country: str | None = None, *, create: bool) -> str:
        """Find the club, remembering this spelling; create it only if allowed."""
        found = self.find(name, country)
        if found is None:
            if not create:
                raise UnknownTeamError([name])
            bare, code = split_country(name)
            found = self.add(TeamEntry(name=self._free_name(bare, code or country),
                                       country=code or country)).name
        self.add_alias(name, found)
        return found

    def _free_name(self, bare: str, country: str | None) -> str:
        """Two different clubs may share a bare name (e.g. 'Dinamo'): add the country."""
        return bare if bare not in self.teams else f"{bare} ({country})"
