"""Seeded synthetic datasets with the shapes of the real thing, at any size.

One database file per (matches, quotes, seed, generator version, schema), written through the
project's own models (`models.make_engine`, `models.create_tables`) with Core executemany in
chunks, journalling and foreign-key checks off during the load and the secondary indexes built
once at the end. Files live under `bench/work/` and are reused when they already exist, so a
second run starts measuring at once. Nothing here ever touches `data/`.

Shapes:
- about 1,000 teams in 50 countries (20 per country), each with a home city, coordinates and a
  stadium; the real 2025/26 Champions League clubs are among them, 'Kairat' first;
- N matches spread over seventy seasons, the recent ones busier, 80 % domestic league matches
  and 20 % European (Champions League with its qualifying, Europa League, Conference League),
  with stages and rounds that fit the era, Poisson scores, kick-offs, attendances and referees;
  Kairat's real 2025/26 Champions League campaign (16 matches) is always there;
- about 5,000 people (players, coaches, presidents) attached to teams;
- N quotes, five per article, 60-600 characters (log-normal, median about 170) of Italian or
  English football prose, speakers drawn from a heavy-tailed distribution (a few people speak
  a lot), most resolved to a person; about 0.6 mentions per quote; goals for European matches.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import random
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Index, insert, text
from sqlalchemy.schema import CreateIndex, CreateTable
from sqlmodel import SQLModel

from models import (
    Article,
    Competition,
    Goal,
    Match,
    Mention,
    Person,
    Quote,
    Statement,
    Team,
    TeamAlias,
    Venue,
    core_table,
    create_tables,
    make_engine,
)
from models.vocabulary import DatePrecision, GoalKind, MatchStatus, Stage

GENERATOR_VERSION = 2
WORK_DIR = Path(__file__).resolve().parent / "work"
CHUNK = 20_000
QUOTES_PER_ARTICLE = 5
TODAY = dt.date(2026, 2, 1)  # the synthetic world's "now": later matches are scheduled


@dataclass(frozen=True)
class Tier:
    """A dataset size: `name` is what the results table prints (e.g. '10^6')."""

    name: str
    matches: int
    quotes: int
    teams: int = 1000
    people: int = 5000


def tier(exponent: int) -> Tier:
    n = 10**exponent
    return Tier(name=f"10^{exponent}", matches=n, quotes=n)


# --- the world: countries, teams, venues, people --------------------------------------------

# code, name, lat, lon, UTC offset in winter
COUNTRIES: Sequence[tuple[str, str, float, float, int]] = (
    ("ENG", "England", 52.6, -1.5, 0), ("ESP", "Spain", 40.2, -3.7, 1), ("ITA", "Italy", 42.8, 12.5, 1),
    ("GER", "Germany", 51.1, 10.4, 1), ("FRA", "France", 46.6, 2.4, 1), ("POR", "Portugal", 39.6, -8.2, 0),
    ("NED", "Netherlands", 52.2, 5.3, 1), ("BEL", "Belgium", 50.6, 4.6, 1), ("SCO", "Scotland", 56.5, -4.2, 0),
    ("TUR", "Turkey", 39.0, 35.2, 3), ("GRE", "Greece", 39.1, 22.4, 2), ("AUT", "Austria", 47.6, 14.1, 1),
    ("SUI", "Switzerland", 46.8, 8.2, 1), ("DEN", "Denmark", 56.0, 9.5, 1), ("SWE", "Sweden", 60.1, 15.6, 1),
    ("NOR", "Norway", 61.5, 9.5, 1), ("FIN", "Finland", 62.5, 26.0, 2), ("ISL", "Iceland", 64.9, -19.0, 0),
    ("IRL", "Ireland", 53.2, -8.0, 0), ("NIR", "Northern Ireland", 54.6, -6.7, 0), ("WAL", "Wales", 52.3, -3.7, 0),
    ("POL", "Poland", 52.0, 19.4, 1), ("CZE", "Czechia", 49.8, 15.5, 1), ("SVK", "Slovakia", 48.7, 19.7, 1),
    ("HUN", "Hungary", 47.2, 19.5, 1), ("ROU", "Romania", 45.9, 24.9, 2), ("BUL", "Bulgaria", 42.7, 25.5, 2),
    ("SRB", "Serbia", 44.0, 20.9, 1), ("CRO", "Croatia", 45.1, 15.9, 1), ("SVN", "Slovenia", 46.1, 14.9, 1),
    ("BIH", "Bosnia and Herzegovina", 43.9, 17.7, 1), ("MNE", "Montenegro", 42.7, 19.4, 1),
    ("MKD", "North Macedonia", 41.6, 21.7, 1), ("ALB", "Albania", 41.2, 20.2, 1), ("UKR", "Ukraine", 49.0, 31.4, 2),
    ("BLR", "Belarus", 53.7, 28.0, 3), ("MDA", "Moldova", 47.4, 28.4, 2), ("LTU", "Lithuania", 55.2, 23.9, 2),
    ("LVA", "Latvia", 56.9, 24.6, 2), ("EST", "Estonia", 58.6, 25.0, 2), ("GEO", "Georgia", 42.3, 43.4, 4),
    ("ARM", "Armenia", 40.1, 45.0, 4), ("AZE", "Azerbaijan", 40.1, 47.6, 4), ("KAZ", "Kazakhstan", 48.0, 67.0, 5),
    ("CYP", "Cyprus", 35.1, 33.4, 2), ("ISR", "Israel", 31.0, 34.9, 2), ("MLT", "Malta", 35.9, 14.4, 1),
    ("LUX", "Luxembourg", 49.8, 6.1, 1), ("FRO", "Faroe Islands", 62.0, -6.9, 0), ("MCO", "Monaco", 43.7, 7.4, 1),
)

# The 2025/26 league-phase clubs and Kairat's qualifying opponents (facts/teams.csv): name,
# full name, country, city, lat, lon. Kairat comes first so it gets id 1.
REAL_TEAMS: Sequence[tuple[str, str, str, str, float, float]] = (
    ("Kairat", "FK Kairat", "KAZ", "Almaty", 43.2525, 76.9115),
    ("Arsenal", "Arsenal FC", "ENG", "London", 51.5085, -0.1257),
    ("Bayern München", "FC Bayern München", "GER", "Munich", 48.1374, 11.5755),
    ("Liverpool", "Liverpool FC", "ENG", "Liverpool", 53.4106, -2.9779),
    ("Tottenham", "Tottenham Hotspur FC", "ENG", "London", 51.5085, -0.1257),
    ("Barcelona", "FC Barcelona", "ESP", "Barcelona", 41.3888, 2.159),
    ("Chelsea", "Chelsea FC", "ENG", "London", 51.5085, -0.1257),
    ("Sporting CP", "Sporting Clube de Portugal", "POR", "Lisbon", 38.7251, -9.1498),
    ("Manchester City", "Manchester City FC", "ENG", "Manchester", 53.4809, -2.2374),
    ("Real Madrid", "Real Madrid CF", "ESP", "Madrid", 40.4165, -3.7026),
    ("Inter", "FC Internazionale Milano", "ITA", "Milan", 45.4643, 9.1895),
    ("Paris Saint-Germain", "Paris Saint-Germain FC", "FRA", "Paris", 48.8534, 2.3488),
    ("Newcastle United", "Newcastle United FC", "ENG", "Newcastle upon Tyne", 54.9733, -1.614),
    ("Juventus", "Juventus FC", "ITA", "Turin", 45.0705, 7.6868),
    ("Atlético Madrid", "Club Atlético de Madrid", "ESP", "Madrid", 40.4165, -3.7026),
    ("Atalanta", "Atalanta BC", "ITA", "Bergamo", 45.696, 9.6672),
    ("Bayer Leverkusen", "Bayer 04 Leverkusen", "GER", "Leverkusen", 51.0303, 6.9843),
    ("Borussia Dortmund", "Borussia Dortmund", "GER", "Dortmund", 51.5149, 7.466),
    ("Olympiacos", "PAE Olympiakos SFP", "GRE", "Piraeus", 37.942, 23.6462),
    ("Club Brugge", "Club Brugge KV", "BEL", "Bruges", 51.2089, 3.2242),
    ("Galatasaray", "Galatasaray SK", "TUR", "Istanbul", 41.0138, 28.9497),
    ("Monaco", "AS Monaco FC", "MCO", "Monaco", 43.7372, 7.4215),
    ("Qarabağ", "Qarabağ FK", "AZE", "Baku", 40.3777, 49.892),
    ("Bodø/Glimt", "FK Bodø/Glimt", "NOR", "Bodø", 67.2827, 14.3751),
    ("Benfica", "Sport Lisboa e Benfica", "POR", "Lisbon", 38.7251, -9.1498),
    ("Marseille", "Olympique de Marseille", "FRA", "Marseille", 43.297, 5.3811),
    ("Pafos", "Pafos FC", "CYP", "Paphos", 34.7768, 32.4245),
    ("Union Saint-Gilloise", "Royale Union Saint-Gilloise", "BEL", "Brussels", 50.8505, 4.3488),
    ("PSV", "PSV Eindhoven", "NED", "Eindhoven", 51.4408, 5.4778),
    ("Athletic Club", "Athletic Club", "ESP", "Bilbao", 43.2627, -2.9253),
    ("Napoli", "SSC Napoli", "ITA", "Naples", 40.8522, 14.2681),
    ("Copenhagen", "FC København", "DEN", "Copenhagen", 55.6759, 12.5655),
    ("Ajax", "AFC Ajax", "NED", "Amsterdam", 52.374, 4.8897),
    ("Eintracht Frankfurt", "Eintracht Frankfurt", "GER", "Frankfurt am Main", 50.1155, 8.6842),
    ("Slavia Praha", "SK Slavia Praha", "CZE", "Prague", 50.088, 14.4208),
    ("Villarreal", "Villarreal CF", "ESP", "Villarreal", 39.9377, -0.1008),
    ("KuPS", "Kuopion Palloseura", "FIN", "Kuopio", 62.8924, 27.677),
    ("Olimpija Ljubljana", "NK Olimpija Ljubljana", "SVN", "Ljubljana", 46.0511, 14.5051),
    ("Slovan Bratislava", "ŠK Slovan Bratislava", "SVK", "Bratislava", 48.1482, 17.1067),
    ("Celtic", "Celtic FC", "SCO", "Glasgow", 55.8651, -4.2576),
)

# Kairat's 2025/26 Champions League (facts/kairat_matches.csv): id, date, local kick-off,
# offset, stage, round, leg, home, away, venue, home goals, away goals, attendance.
KAIRAT_CAMPAIGN: Sequence[tuple[str, str, str, str, str, str, str, str, str, str, int, int, int | None]] = (
    ("Q1-1", "2025-07-08", "", "+02:00", "qualifying", "Q1", "1", "Olimpija Ljubljana", "Kairat",
     "Stadion Stožice", 1, 1, None),
    ("Q1-2", "2025-07-15", "20:00", "+05:00", "qualifying", "Q1", "2", "Kairat", "Olimpija Ljubljana",
     "Almaty Central Stadium", 2, 0, 20000),
    ("Q2-1", "2025-07-22", "", "+03:00", "qualifying", "Q2", "1", "KuPS", "Kairat", "Väre Areena", 2, 0, None),
    ("Q2-2", "2025-07-29", "20:00", "+05:00", "qualifying", "Q2", "2", "Kairat", "KuPS",
     "Almaty Central Stadium", 3, 0, 23084),
    ("Q3-1", "2025-08-06", "20:00", "+05:00", "qualifying", "Q3", "1", "Kairat", "Slovan Bratislava",
     "Almaty Central Stadium", 1, 0, None),
    ("Q3-2", "2025-08-12", "20:15", "+02:00", "qualifying", "Q3", "2", "Slovan Bratislava", "Kairat",
     "Tehelné pole", 1, 0, 21005),
    ("PO-1", "2025-08-20", "20:00", "+01:00", "qualifying", "PO", "1", "Celtic", "Kairat", "Celtic Park", 0, 0, 56182),
    ("PO-2", "2025-08-26", "21:45", "+05:00", "qualifying", "PO", "2", "Kairat", "Celtic",
     "Almaty Central Stadium", 0, 0, 22800),
    ("MD1", "2025-09-18", "20:00", "+01:00", "league", "MD1", "", "Sporting CP", "Kairat",
     "Estádio José Alvalade", 4, 1, None),
    ("MD2", "2025-09-30", "21:45", "+05:00", "league", "MD2", "", "Kairat", "Real Madrid",
     "Almaty Central Stadium", 0, 5, 22788),
    ("MD3", "2025-10-21", "21:45", "+05:00", "league", "MD3", "", "Kairat", "Pafos",
     "Almaty Central Stadium", 0, 0, 16478),
    ("MD4", "2025-11-05", "21:00", "+01:00", "league", "MD4", "", "Inter", "Kairat",
     "Stadio Giuseppe Meazza (San Siro)", 2, 1, 69983),
    ("MD5", "2025-11-26", "18:45", "+01:00", "league", "MD5", "", "Copenhagen", "Kairat", "Parken", 3, 2, None),
    ("MD6", "2025-12-09", "20:30", "+05:00", "league", "MD6", "", "Kairat", "Olympiacos", "Astana Arena", 0, 1, 19463),
    ("MD7", "2026-01-20", "20:30", "+05:00", "league", "MD7", "", "Kairat", "Club Brugge", "Astana Arena", 1, 4, None),
    ("MD8", "2026-01-28", "20:00", "+00:00", "league", "MD8", "", "Arsenal", "Kairat", "Emirates Stadium", 3, 2, None),
)

_SYLLABLES = ("ka", "ra", "vo", "lin", "gor", "mas", "to", "ne", "ber", "sta", "mi", "lo", "dar", "ven", "ko",
              "bri", "sel", "tan", "or", "al", "mo", "ri", "zan", "pol", "ska", "vik", "dun", "ham", "ley",
              "ton", "ville", "burg", "stad", "grad", "ino", "ova", "esti", "ardo", "ica", "hov")
_CLUB_PATTERNS = ("FC {c}", "{c} United", "Dinamo {c}", "Sporting {c}", "Olimpik {c}", "Lokomotiv {c}",
                  "Spartak {c}", "{c} Rovers", "Real {c}", "Athletic {c}", "FK {c}", "SK {c}", "NK {c}",
                  "{c} City", "Torpedo {c}", "AC {c}", "Racing {c}", "Union {c}", "{c} Wanderers", "KS {c}")
_FIRST = ("Marco", "Luca", "Giovanni", "Andrea", "Paolo", "John", "James", "David", "Michael", "Daniel",
          "Aleksandr", "Dmitri", "Sergei", "Nurlan", "Askar", "Yerlan", "Dastan", "Miguel", "Carlos", "João",
          "Pierre", "Lucas", "Jan", "Tomas", "Piotr", "Mehmet", "Emre", "Nikos", "Giorgos", "Lars", "Erik",
          "Mikkel", "Stefan", "Luka", "Ivan", "Marek", "Kevin", "Thomas", "Antonio", "Rafael", "Bruno", "Ole")
_LAST = ("Rossi", "Bianchi", "Esposito", "Ricci", "Romano", "Smith", "Jones", "Taylor", "Brown", "Wilson",
         "Ivanov", "Petrov", "Sorokin", "Abenov", "Nurpeisov", "Suleimenov", "Garcia", "Fernandez", "Silva",
         "Santos", "Martin", "Bernard", "Novak", "Kowalski", "Nowak", "Yilmaz", "Demir", "Papadopoulos",
         "Georgiou", "Hansen", "Johansson", "Nielsen", "Horvat", "Kovac", "Popescu", "Dimitrov", "Jovanovic",
         "Müller", "Schmidt", "De Jong", "Peeters", "Murphy", "Kelly", "Costa", "Pereira", "Kuznetsov")
_ROLES = (("player", 0.86), ("head coach", 0.04), ("assistant coach", 0.03), ("president", 0.02),
          ("sporting director", 0.02), ("agent", 0.03))
_POSITIONS = ("goalkeeper", "defender", "midfielder", "winger", "forward")
_OUTLETS_IT = ("La Gazzetta dello Sport", "Corriere dello Sport", "Tuttosport", "Sky Sport Italia",
               "Calciomercato.com", "FcInterNews", "TuttoMercatoWeb", "La Repubblica")
_OUTLETS_EN = ("BBC Sport", "The Athletic", "UEFA.com", "Reuters", "ESPN", "Sky Sports", "The Guardian",
               "Vesti.kz (English)")
_WORDS_IT = (
    "partita", "squadra", "allenatore", "stagione", "campionato", "gol", "vittoria", "sconfitta", "pareggio",
    "tifosi", "stadio", "difesa", "attacco", "centrocampo", "portiere", "rigore", "fallo", "arbitro", "classifica",
    "punti", "trasferta", "casa", "mister", "giocatori", "Champions", "League", "Europa", "qualificazione",
    "girone", "turno", "ritorno", "andata", "Almaty", "Kairat", "Inter", "Milano", "abbiamo", "siamo", "stati",
    "molto", "bene", "male", "oggi", "domani", "ieri", "sempre", "mai", "ancora", "già", "però", "perché", "quando",
    "dobbiamo", "possiamo", "vogliamo", "crescere", "lavorare", "migliorare", "soffrire", "vincere", "perdere",
    "giocare", "segnare", "un", "una", "il", "la", "lo", "gli", "le", "di", "da", "in", "con", "su", "per", "tra",
    "fra", "e", "ma", "o", "che", "non", "è", "sono", "ha", "hanno", "era", "fatto", "grande", "piccolo",
    "importante", "difficile", "bella", "brutta", "serata", "notte", "momento", "secondo", "tempo", "primo",
    "ultimo", "minuto", "occasione", "pressione", "ritmo", "intensità", "mentalità", "carattere", "gruppo",
    "spogliatoio", "società", "progetto",
)
_WORDS_EN = (
    "match", "team", "coach", "season", "league", "goal", "win", "defeat", "draw", "fans", "stadium", "defence",
    "attack", "midfield", "keeper", "penalty", "foul", "referee", "table", "points", "away", "home", "manager",
    "players", "Champions", "League", "Europe", "qualifying", "group", "round", "return", "first", "leg", "Almaty",
    "Kairat", "Real", "Madrid", "Arsenal", "we", "are", "were", "very", "well", "badly", "today", "tomorrow",
    "yesterday", "always", "never", "still", "already", "but", "because", "when", "must", "can", "want", "grow",
    "work", "improve", "suffer", "win", "lose", "play", "score", "a", "an", "the", "of", "from", "in", "with", "on",
    "for", "between", "and", "or", "that", "not", "is", "are", "has", "have", "was", "done", "big", "small",
    "important", "difficult", "beautiful", "ugly", "evening", "night", "moment", "second", "half", "first", "last",
    "minute", "chance", "pressure", "rhythm", "intensity", "mentality", "character", "group", "dressing", "room",
    "club", "project",
)


def _city_name(rng: random.Random) -> str:
    parts = [rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3)))]
    return "".join(parts).capitalize()


def _teams(rng: random.Random, count: int) -> list[dict[str, Any]]:
    per_country = max(1, math.ceil(count / len(COUNTRIES)))
    rows: list[dict[str, Any]] = []
    names: set[str] = set()
    by_country: dict[str, int] = {}
    for name, full, country, city, lat, lon in REAL_TEAMS:
        rows.append({"name": name, "full_name": full, "country": country, "city": city, "lat": lat, "lon": lon})
        names.add(name)
        by_country[country] = by_country.get(country, 0) + 1
    for code, _cname, clat, clon, _off in COUNTRIES:
        while by_country.get(code, 0) < per_country and len(rows) < count:
            city = _city_name(rng)
            name = rng.choice(_CLUB_PATTERNS).format(c=city)
            if name in names:
                continue
            names.add(name)
            by_country[code] = by_country.get(code, 0) + 1
            rows.append({"name": name, "full_name": name, "country": code, "city": city,
                         "lat": round(clat + rng.gauss(0, 1.2), 4), "lon": round(clon + rng.gauss(0, 1.8), 4)})
    for i, row in enumerate(rows, 1):
        row.update(id=i, source="synthetic")
    return rows


def _venues(rng: random.Random, teams: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for t in teams:
        rows.append({"id": t["id"], "name": f"{t['name']} Stadium", "city": t["city"], "country": t["country"],
                     "lat": t["lat"], "lon": t["lon"], "capacity": rng.randrange(3_000, 80_000, 500),
                     "notes": None, "source": "synthetic"})
    known = {v["name"] for v in rows}
    extra = {"Stadion Stožice": "Olimpija Ljubljana", "Almaty Central Stadium": "Kairat", "Väre Areena": "KuPS",
             "Tehelné pole": "Slovan Bratislava", "Celtic Park": "Celtic", "Estádio José Alvalade": "Sporting CP",
             "Stadio Giuseppe Meazza (San Siro)": "Inter", "Parken": "Copenhagen", "Astana Arena": "Kairat",
             "Emirates Stadium": "Arsenal"}
    by_name = {t["name"]: t for t in teams}
    for name, team in extra.items():
        if name in known:
            continue
        t = by_name[team]
        lat, lon = (51.1088, 71.4024) if name == "Astana Arena" else (t["lat"], t["lon"])
        rows.append({"id": len(rows) + 1, "name": name, "city": "Astana" if name == "Astana Arena" else t["city"],
                     "country": t["country"], "lat": lat, "lon": lon, "capacity": 30_000, "notes": None,
                     "source": "facts"})
    return rows


def _people(rng: random.Random, count: int, n_teams: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    names: set[str] = set()
    roles = [r for r, _ in _ROLES]
    role_w = [w for _, w in _ROLES]
    real = (("Rafael Urazbakhtin", 1, "head coach", None), ("Egor Sorokin", 1, "player", "defender"),
            ("Dastan Satpaev", 1, "player", "forward"), ("Ofri Arad", 1, "player", "midfielder"),
            ("Kairat Boranbayev", 1, "president", None), ("Cristian Chivu", 11, "head coach", None),
            ("Xabi Alonso", 10, "head coach", None), ("Brendan Rodgers", 40, "manager", None))
    for name, team, role, position in real:
        names.add(name)
        rows.append({"name": name, "team_id": team, "role": role, "position": position})
    while len(rows) < count:
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        if name in names:
            name = f"{name} {rng.choice('ABCDEFGHJKLMNOPRSTVZ')}."
            if name in names:
                continue
        names.add(name)
        role = rng.choices(roles, role_w)[0]
        rows.append({"name": name, "team_id": rng.randint(1, n_teams), "role": role,
                     "position": rng.choice(_POSITIONS) if role == "player" else None})
    for i, row in enumerate(rows, 1):
        row.update(id=i, aliases=row["name"].split(" ")[-1], nationality=None, born=None, notes=None,
                   confidence="synthetic", source="synthetic")
    return rows


# --- matches ------------------------------------------------------------------------------

_FIRST_SEASON = 1955
_LAST_SEASON = 2025  # 2025-26
MATCHES_PER_SEASON = 14_000  # roughly: 50 leagues of 20 clubs part-played, plus three European cups
LEAGUE_PHASE_MD = ((9, 17), (9, 30), (10, 21), (11, 5), (11, 26), (12, 9), (1, 20), (1, 28))
GROUP_MD = ((9, 17), (10, 1), (10, 22), (11, 5), (11, 26), (12, 10))
# round -> (stage, first-leg date, second-leg date or None for a single match)
KNOCKOUT_DATES: dict[str, tuple[Stage, tuple[int, int], tuple[int, int] | None]] = {
    "R32": (Stage.ROUND_OF_32, (9, 16), (10, 1)), "KPO": (Stage.KNOCKOUT_PLAYOFF, (2, 17), (2, 25)),
    "R16": (Stage.ROUND_OF_16, (3, 10), (3, 17)), "QF": (Stage.QUARTER_FINAL, (4, 7), (4, 14)),
    "SF": (Stage.SEMI_FINAL, (4, 28), (5, 5)), "F": (Stage.FINAL, (5, 30), None),
    "Q1": (Stage.QUALIFYING, (7, 8), (7, 15)), "Q2": (Stage.QUALIFYING, (7, 22), (7, 29)),
    "Q3": (Stage.QUALIFYING, (8, 5), (8, 12)), "PO": (Stage.QUALIFYING, (8, 19), (8, 26)),
}
QUALIFYING_TIES = (("Q1", 16), ("Q2", 12), ("Q3", 8), ("PO", 5))
COMP_DAY_SHIFT = {"cl": 0, "clq": 0, "el": 2, "ecl": 2}


@dataclass
class _Fixture:
    comp: str
    year: int
    stage: Stage
    round: str
    day: dt.date
    home: int
    away: int
    leg: int | None = None
    group: str | None = None


def _season(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def _poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _on(year: int, month_day: tuple[int, int], shift: int = 0) -> dt.date:
    month, day = month_day
    return dt.date(year if month >= 7 else year + 1, month, day) + dt.timedelta(days=shift)


def _weighted_sample(rng: random.Random, items: Sequence[int], weights: Sequence[float], k: int) -> list[int]:
    """k distinct items, heavier ones more likely (Efraimidis-Spirakis keys)."""
    keyed = sorted(items, key=lambda i: rng.random() ** (1.0 / weights[i]), reverse=True)
    return keyed[:k]


def _round_robin_pairs(rng: random.Random, teams: list[int], rounds: int,
                       fixed: dict[int, tuple[int, int]] | None = None) -> list[list[tuple[int, int]]]:
    """`rounds` matchdays in which every team plays once and nobody meets the same opponent twice.
    `fixed` pins (home, away) pairs on given matchdays (Kairat's real fixtures)."""
    met: set[frozenset[int]] = set()
    days: list[list[tuple[int, int]]] = []
    for md in range(rounds):
        pinned = [fixed[md]] if fixed and md in fixed else []
        busy = {t for pair in pinned for t in pair}
        pool = [t for t in teams if t not in busy]
        for _attempt in range(200):
            rng.shuffle(pool)
            pairs, left = [], list(pool)
            while len(left) >= 2:
                a = left.pop()
                partner = next((b for b in left if frozenset((a, b)) not in met), None)
                if partner is None:
                    break
                left.remove(partner)
                pairs.append((a, partner) if rng.random() < 0.5 else (partner, a))
            if len(left) < 2:
                break
        day = pinned + pairs
        met.update(frozenset(p) for p in day)
        days.append(day)
    return days


def _ties(rng: random.Random, comp: str, year: int, rnd: str, teams: list[int]) -> tuple[list[_Fixture], list[int]]:
    """Two-legged ties (one match for a final) between consecutive teams; returns the fixtures and the winners."""
    stage, first, second = KNOCKOUT_DATES[rnd]
    shift = COMP_DAY_SHIFT[comp] + rng.choice((0, 1))
    out, winners = [], []
    for a, b in zip(teams[0::2], teams[1::2], strict=False):
        if second is None:
            out.append(_Fixture(comp, year, stage, rnd, _on(year, first, COMP_DAY_SHIFT[comp]), a, b))
        else:
            out.append(_Fixture(comp, year, stage, rnd, _on(year, first, shift), a, b, leg=1))
            out.append(_Fixture(comp, year, stage, rnd, _on(year, second, shift), b, a, leg=2))
        winners.append(a if rng.random() < 0.55 else b)
    return out, winners


def _european_season(rng: random.Random, comp: str, year: int, ids: list[int], weights: list[float],
                     pinned_teams: list[int] | None = None,
                     pinned_md: dict[int, tuple[int, int]] | None = None) -> list[_Fixture]:
    """One season of a European cup in the format of its era."""
    out: list[_Fixture] = []
    shift = COMP_DAY_SHIFT[comp]
    league_era = year >= 2024
    group_era = not league_era and year >= (1992 if comp == "cl" else 2004 if comp == "el" else 2021)
    size = 36 if league_era else 32
    field_ = list(pinned_teams or [])
    rest = [i for i in _weighted_sample(rng, ids, weights, size + 8) if i not in field_]
    field_ += rest[: size - len(field_)]
    if league_era:
        already = set((pinned_md or {}).values())  # written from the facts, not generated
        for md, pairs in enumerate(_round_robin_pairs(rng, field_, 8, pinned_md)):
            for home, away in pairs:
                if (home, away) in already:
                    continue
                day = _on(year, LEAGUE_PHASE_MD[md], shift + rng.choice((0, 0, 1)))
                out.append(_Fixture(comp, year, Stage.LEAGUE, f"MD{md + 1}", day, home, away))
        ranked = field_[:]
        rng.shuffle(ranked)
        playoff, winners = _ties(rng, comp, year, "KPO", ranked[8:24])
        out += playoff
        alive = ranked[:8] + winners
    elif group_era:
        alive = []
        for g in range(8):
            group = field_[4 * g: 4 * g + 4]
            label = "ABCDEFGH"[g]
            pairs = [(a, b) for a in group for b in group if a != b]
            rng.shuffle(pairs)
            for k, (home, away) in enumerate(pairs):
                md = k // 2
                out.append(_Fixture(comp, year, Stage.GROUP, f"MD{md + 1}", _on(year, GROUP_MD[md], shift), home, away,
                                    group=label))
            alive += group[:2]
    else:
        ties, alive = _ties(rng, comp, year, "R32", field_)
        out += ties
    rng.shuffle(alive)
    for rnd in ("R16", "QF", "SF", "F"):
        ties, alive = _ties(rng, comp, year, rnd, alive)
        out += ties
    return out


def _qualifying_season(rng: random.Random, year: int, ids: list[int], weights: list[float],
                       exclude: set[int]) -> list[_Fixture]:
    small = [1.0 / w if w else 0.0 for w in weights]  # the smaller clubs qualify
    out: list[_Fixture] = []
    for rnd, n_ties in QUALIFYING_TIES:
        teams = [i for i in _weighted_sample(rng, ids, small, 2 * n_ties + len(exclude)) if i not in exclude]
        ties, _ = _ties(rng, "clq", year, rnd, teams[: 2 * n_ties])
        out += ties
    return out


def _matches(rng: random.Random, count: int, teams: list[dict[str, Any]], comp_ids: dict[str, int],
             venue_ids: dict[str, int]) -> Iterator[dict[str, Any]]:
    """Kairat's real campaign, the European cups season by season in the format of their era, then
    domestic league matches up to `count` rows in all."""
    team_ids = {t["name"]: t["id"] for t in teams}
    offsets = {c[0]: c[4] for c in COUNTRIES}
    team_country = {t["id"]: t["country"] for t in teams}
    by_country: dict[str, list[int]] = {}
    for t in teams:
        by_country.setdefault(t["country"], []).append(t["id"])
    ids = [t["id"] for t in teams]
    # Weight 1/(rank within the country): each country's first clubs play most European nights.
    rank = {tid: k for members in by_country.values() for k, tid in enumerate(members)}
    weights = [0.0] + [1.0 / (1 + rank[i]) for i in ids]  # indexed by team id
    referees = [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(2000)]

    n = 0
    facts = KAIRAT_CAMPAIGN[: max(0, count)]
    for mid, date, ko_local, off, stage, rnd, leg, home, away, venue, hg, ag, att in facts:
        n += 1
        day = dt.date.fromisoformat(date)
        kickoff_utc = None
        if ko_local:
            hh, mm = map(int, ko_local.split(":"))
            kickoff_utc = dt.datetime.combine(day, dt.time(hh, mm), tzinfo=dt.UTC) - dt.timedelta(hours=int(off[:3]))
        yield {"id": n, "key": f"cl/2025-26/{rnd}/{home}-{away}",
               "competition_id": comp_ids["clq" if stage == "qualifying" else "cl"], "season": "2025-26",
               "stage": Stage(stage), "round": rnd, "group": None, "leg": int(leg) if leg else None, "date": day,
               "kickoff_utc": kickoff_utc, "kickoff_local": ko_local or None, "utc_offset": off,
               "home_team_id": team_ids[home], "away_team_id": team_ids[away], "home_goals": hg, "away_goals": ag,
               "home_goals_ht": None, "away_goals_ht": None, "extra_time": False,
               "home_pens": 3 if mid == "PO-2" else None, "away_pens": 2 if mid == "PO-2" else None,
               "status": MatchStatus.PLAYED, "venue_id": venue_ids[venue], "attendance": att, "referee": None,
               "facts_id": mid, "notes": None, "source": "facts/kairat_matches.csv"}
    remaining = count - n
    if remaining <= 0:
        return

    n_seasons = max(1, min(_LAST_SEASON - _FIRST_SEASON + 1, round(count / MATCHES_PER_SEASON)))
    years = list(range(_LAST_SEASON - n_seasons + 1, _LAST_SEASON + 1))
    league_2025 = [team_ids[t[0]] for t in REAL_TEAMS[:36]]
    kairat_md = {k: (team_ids[m[7]], team_ids[m[8]]) for k, m in enumerate(KAIRAT_CAMPAIGN[8:])}
    qual_2025 = {team_ids[m[7]] for m in KAIRAT_CAMPAIGN[:8]} | {team_ids[m[8]] for m in KAIRAT_CAMPAIGN[:8]}
    europe: list[_Fixture] = []
    for year in years:
        if year == _LAST_SEASON:
            europe += _european_season(rng, "cl", year, ids, weights, league_2025, kairat_md)
        else:
            europe += _european_season(rng, "cl", year, ids, weights)
        if year >= 1992:
            europe += _qualifying_season(rng, year, ids, weights, qual_2025 if year == _LAST_SEASON else set())
        if year >= 1971:
            europe += _european_season(rng, "el", year, ids, weights)
        if year >= 2021:
            europe += _european_season(rng, "ecl", year, ids, weights)
    if len(europe) > remaining * 0.6:  # a tiny tier: the newest Champions League first
        europe.sort(key=lambda f: (f.year != _LAST_SEASON, f.comp != "cl", f.stage != Stage.LEAGUE))
        europe = europe[: int(remaining * 0.6)]
    fixtures: Iterable[_Fixture] = europe

    domestic = remaining - len(europe)
    leagues = [(year, country) for year in years for country in by_country]
    per_league, extra = divmod(domestic, len(leagues))

    def domestic_fixtures() -> Iterator[_Fixture]:
        for k, (year, country) in enumerate(leagues):
            members = by_country[country]
            want = per_league + (1 if k < extra else 0)
            pairs = [(a, b) for a in members for b in members if a != b]
            picked = rng.sample(pairs, min(want, len(pairs)))
            picked += [pairs[rng.randrange(len(pairs))] for _ in range(want - len(picked))]
            days = sorted(dt.date(year, 8, 1) + dt.timedelta(days=rng.randrange(290)) for _ in picked)
            for i, ((home, away), day) in enumerate(zip(picked, days, strict=True)):
                yield _Fixture(f"{country.lower()}.1", year, Stage.DOMESTIC, f"R{1 + i * 38 // max(1, want)}",
                               day, home, away)

    for f in _chain(fixtures, domestic_fixtures()):
        n += 1
        offset = offsets[team_country[f.home]]
        hh = rng.choice((15, 17, 18, 19, 20, 20, 21, 21))
        mm = rng.choice((0, 0, 0, 15, 30, 45))
        modern = f.year >= 1990
        played = f.day < TODAY
        home_goals = _poisson(rng, 1.5) if played else None
        away_goals = _poisson(rng, 1.15) if played else None
        kickoff = dt.datetime.combine(f.day, dt.time(hh, mm), tzinfo=dt.UTC) - dt.timedelta(hours=offset)
        yield {"id": n, "key": f"{f.comp}/{_season(f.year)}/{f.round}/{f.home}-{f.away}/{n}",
               "competition_id": comp_ids[f.comp], "season": _season(f.year), "stage": f.stage, "round": f.round,
               "group": f.group, "leg": f.leg, "date": f.day, "kickoff_utc": kickoff if modern else None,
               "kickoff_local": f"{hh:02d}:{mm:02d}" if modern else None, "utc_offset": f"+{offset:02d}:00",
               "home_team_id": f.home, "away_team_id": f.away, "home_goals": home_goals, "away_goals": away_goals,
               "home_goals_ht": None if home_goals is None else min(home_goals, _poisson(rng, 0.7)),
               "away_goals_ht": None if away_goals is None else min(away_goals, _poisson(rng, 0.5)),
               "extra_time": False, "home_pens": None, "away_pens": None,
               "status": MatchStatus.PLAYED if played else MatchStatus.SCHEDULED, "venue_id": f.home,
               "attendance": rng.randrange(500, 70_000) if played and rng.random() < 0.8 else None,
               "referee": referees[rng.randrange(len(referees))] if modern else None,
               "facts_id": None, "notes": None, "source": "synthetic"}


def _chain(*parts: Iterable[_Fixture]) -> Iterator[_Fixture]:
    for part in parts:
        yield from part


def _accumulate(weights: Iterable[float]) -> Iterator[float]:
    total = 0.0
    for w in weights:
        total += w
        yield total


# --- articles, quotes, mentions -----------------------------------------------------------

def _text_pool(rng: random.Random, words: Sequence[str], size: int) -> str:
    """A long run of football prose to cut quotes from (cheaper than drawing every word)."""
    out, length = [], 0
    while length < size:
        sentence = " ".join(rng.choices(words, k=rng.randint(6, 18)))
        sentence = sentence[0].upper() + sentence[1:] + rng.choice((".", ".", ".", "!", "?", ","))
        out.append(sentence)
        length += len(sentence) + 1
    return " ".join(out)


def _quote_length(rng: random.Random) -> int:
    """Characters: log-normal around 170, clipped to 60-600 (a sentence to a short paragraph)."""
    return max(60, min(600, int(rng.lognormvariate(math.log(170), 0.6))))


def _cut(pool: str, start: int, length: int) -> str:
    start = pool.find(" ", start) + 1
    end = pool.rfind(" ", start, start + length)
    piece = pool[start:end if end > start else start + length].strip(" ,")
    return piece[0].upper() + piece[1:] if piece else "Sì."


def _articles_quotes_mentions(
    rng: random.Random, n_quotes: int, people: list[dict[str, Any]], teams: list[dict[str, Any]], n_matches: int,
) -> tuple[Iterator[dict[str, Any]], Iterator[dict[str, Any]], Iterator[dict[str, Any]]]:
    n_articles = max(1, math.ceil(n_quotes / QUOTES_PER_ARTICLE))
    pools = {"it": _text_pool(rng, _WORDS_IT, 400_000), "en": _text_pool(rng, _WORDS_EN, 400_000)}
    # Heavy tail: speaker k is chosen with weight 1/(k+5) (a few coaches and captains speak a lot).
    speaker_cum = list(_accumulate(1.0 / (k + 5) for k in range(len(people))))
    start = dt.datetime(1995, 1, 1, tzinfo=dt.UTC)
    span_minutes = int((dt.datetime(2026, 1, 31, tzinfo=dt.UTC) - start).total_seconds() // 60)
    # Articles get increasingly frequent towards the present (square-root spacing).
    article_meta: list[tuple[dt.datetime, str]] = []
    for _ in range(n_articles):
        when = start + dt.timedelta(minutes=int(span_minutes * math.sqrt(rng.random())))
        article_meta.append((when, "it" if rng.random() < 0.7 else "en"))
    article_meta.sort()

    def articles() -> Iterator[dict[str, Any]]:
        for i, (when, lang) in enumerate(article_meta, 1):
            outlet = rng.choice(_OUTLETS_IT if lang == "it" else _OUTLETS_EN)
            pool = pools[lang]
            title = _cut(pool, rng.randrange(len(pool) - 200), rng.randint(40, 110))
            yield {"id": i, "content_hash": hashlib.sha256(f"{i}:{title}".encode()).hexdigest(), "title": title,
                   "author": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", "published_utc": when,
                   "published_raw": when.strftime("%d/%m/%Y %H:%M"), "date_precision": DatePrecision.MINUTE,
                   "outlet": outlet, "language": lang, "url": f"https://news.example/{lang}/{i}",
                   "source_file": None, "main_text": None}

    def quotes() -> Iterator[dict[str, Any]]:
        speakers = rng.choices(range(len(people)), cum_weights=speaker_cum, k=n_quotes)
        for q, k in enumerate(speakers):
            article = q // QUOTES_PER_ARTICLE
            when, lang = article_meta[article]
            pool = pools[lang]
            person = people[k]
            resolved = rng.random() < 0.85
            speaker = person["name"] if rng.random() < 0.7 else person["aliases"]
            yield {"id": q + 1, "article_id": article + 1, "position": q % QUOTES_PER_ARTICLE + 1,
                   "text": _cut(pool, rng.randrange(len(pool) - 700), _quote_length(rng)),
                   "speaker": speaker, "person_id": person["id"] if resolved else None,
                   "speaker_resolved": resolved,
                   "question": "Come valuta la partita?" if lang == "it" and rng.random() < 0.1 else None,
                   "said_on": (when - dt.timedelta(days=rng.choice((0, 0, 0, 1)))).date(),
                   "match_id": rng.randint(1, n_matches) if rng.random() < 0.3 else None,
                   "line": 10 + 3 * (q % QUOTES_PER_ARTICLE)}

    def mentions() -> Iterator[dict[str, Any]]:
        m = 0
        for q in range(n_quotes):
            for _ in range(int(rng.random() < 0.4) + int(rng.random() < 0.2)):
                m += 1
                if rng.random() < 0.6:
                    p = people[rng.randrange(len(people))]
                    row = {"surface": p["aliases"], "person_id": p["id"], "team_id": None}
                else:
                    t = teams[rng.randrange(len(teams))]
                    row = {"surface": t["name"], "person_id": None, "team_id": t["id"]}
                yield {"id": m, "article_id": q // QUOTES_PER_ARTICLE + 1, "quote_id": q + 1, **row}

    return articles(), quotes(), mentions()


# --- goals for European matches -----------------------------------------------------------

def _goals(rng: random.Random, matches: list[tuple[int, int, int, int, int, bool]],
           squad: dict[int, list[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    g = 0
    for match_id, home, away, hg, ag, _eu in matches:
        for team, goals in ((home, hg), (away, ag)):
            players = squad.get(team) or []
            for _ in range(goals):
                g += 1
                person = players[rng.randrange(len(players))] if players else None
                minute = rng.randint(1, 90)
                yield {"id": g, "match_id": match_id, "team_id": team,
                       "player": person["name"] if person else f"Player {team}-{rng.randint(1, 25)}",
                       "person_id": person["id"] if person else None, "minute": minute,
                       "stoppage": rng.randint(1, 6) if minute in (45, 90) and rng.random() < 0.5 else None,
                       "kind": GoalKind.PENALTY if rng.random() < 0.1 else GoalKind.REGULAR,
                       "confidence": "synthetic", "notes": None, "source": "synthetic"}


# --- writing -------------------------------------------------------------------------------

def schema_fingerprint() -> str:
    """Changes when the models change, so a cached database is never used with a stale schema."""
    ddl = "".join(str(CreateTable(t)) + "".join(str(CreateIndex(i)) for i in sorted(t.indexes, key=str))
                  for t in SQLModel.metadata.sorted_tables)
    return hashlib.sha256(ddl.encode()).hexdigest()[:10]


def database_path(t: Tier, seed: int) -> Path:
    return WORK_DIR / f"m{t.matches}-q{t.quotes}-s{seed}-g{GENERATOR_VERSION}-{schema_fingerprint()}.db"


def ensure_database(t: Tier, seed: int = 2025, *, log: Any = print) -> Path:
    """The tier's database file, generated unless a finished one is already cached."""
    path = database_path(t, seed)
    if path.exists():
        return path
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    for leftover in WORK_DIR.glob(path.stem + ".tmp*"):  # an interrupted earlier run
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    generate(tmp, t, seed)
    os.replace(tmp, path)
    log(f"generated {path.name} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s")
    return path


def _insert(engine: Engine, model: type[SQLModel], rows: Iterable[dict[str, Any]]) -> int:
    table = core_table(model)
    stmt = insert(table)
    count = 0
    chunk: list[dict[str, Any]] = []
    with engine.begin() as conn:
        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                conn.execute(stmt, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            conn.execute(stmt, chunk)
            count += len(chunk)
    return count


def generate(path: Path, t: Tier, seed: int) -> dict[str, int]:
    """Write a whole synthetic dataset into a new SQLite file at `path`; return rows per table."""
    rng = random.Random(seed)
    engine = make_engine(f"sqlite:///{path}")
    create_tables(engine)
    indexes: list[Index] = [i for table in SQLModel.metadata.sorted_tables for i in table.indexes]
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=OFF")
        for index in indexes:  # built once at the end: much faster than maintaining them per row
            conn.exec_driver_sql(f'DROP INDEX IF EXISTS "{index.name}"')
        conn.commit()

    counts: dict[str, int] = {}
    comps = [("cl", "UEFA Champions League"), ("clq", "UEFA Champions League qualifying"),
             ("el", "UEFA Europa League"), ("ecl", "UEFA Conference League")]
    comps += [(f"{c[0].lower()}.1", f"{c[1]} first division") for c in COUNTRIES]
    comp_ids = {code: i for i, (code, _name) in enumerate(comps, 1)}
    teams = _teams(rng, t.teams)
    venues = _venues(rng, teams)
    people = _people(rng, t.people, len(teams))
    with _fast_load_pragmas(engine):
        counts["competition"] = _insert(engine, Competition, ({"id": i, "code": c, "name": n}
                                                              for i, (c, n) in enumerate(comps, 1)))
        counts["team"] = _insert(engine, Team, teams)
        from ingest.names import normalise

        counts["teamalias"] = _insert(engine, TeamAlias, ({"id": r["id"], "key": normalise(r["name"]),
                                                           "alias": r["name"], "team_id": r["id"]} for r in teams))
        counts["venue"] = _insert(engine, Venue, venues)
        counts["person"] = _insert(engine, Person, people)
        venue_ids = {v["name"]: v["id"] for v in venues}
        euro_ids = {comp_ids[c] for c in ("cl", "clq", "el", "ecl")}
        scored: list[tuple[int, int, int, int, int, bool]] = []

        def matches_tracking() -> Iterator[dict[str, Any]]:
            for m in _matches(rng, t.matches, teams, comp_ids, venue_ids):
                if m["competition_id"] in euro_ids and m["home_goals"] is not None:
                    scored.append((m["id"], m["home_team_id"], m["away_team_id"], m["home_goals"],
                                   m["away_goals"], True))
                yield m

        counts["match"] = _insert(engine, Match, matches_tracking())
        squad: dict[int, list[dict[str, Any]]] = {}
        for p in people:
            if p["role"] == "player":
                squad.setdefault(p["team_id"], []).append(p)
        counts["goal"] = _insert(engine, Goal, _goals(rng, scored, squad))
        articles, quotes, mentions = _articles_quotes_mentions(rng, t.quotes, people, teams, t.matches)
        counts["article"] = _insert(engine, Article, articles)
        counts["quote"] = _insert(engine, Quote, quotes)
        counts["mention"] = _insert(engine, Mention, mentions)
        counts["statement"] = _insert(engine, Statement, (
            {"id": i, "said_on": dt.date(2025, 7, 1) + dt.timedelta(days=i % 200), "speaker": people[i % 50]["name"],
             "person_id": people[i % 50]["id"], "team_id": people[i % 50]["team_id"], "outlet": "Vesti.kz",
             "language": "ru", "setting": "press conference", "paraphrase": "Said the team must improve.",
             "match_id": 1 + i % 16, "confidence": "synthetic", "source": "synthetic"}
            for i in range(1, 201)))
    with engine.connect() as conn:
        for index in indexes:
            index.create(conn)
        conn.commit()
        conn.exec_driver_sql("PRAGMA journal_mode=DELETE")
    engine.dispose()
    return counts


class _fast_load_pragmas:
    """Journalling, fsync and foreign-key checks off while the file is being written."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __enter__(self) -> None:
        from sqlalchemy import event

        def pragmas(dbapi_connection: Any, _record: Any) -> None:
            cur = dbapi_connection.cursor()
            cur.execute("PRAGMA foreign_keys=OFF")
            cur.execute("PRAGMA synchronous=OFF")
            cur.execute("PRAGMA journal_mode=OFF")
            cur.execute("PRAGMA cache_size=-200000")
            cur.close()

        self.engine.dispose()
        event.listen(self.engine, "connect", pragmas)
        self._listener = pragmas

    def __exit__(self, *exc: object) -> None:
        from sqlalchemy import event

        event.remove(self.engine, "connect", self._listener)
        self.engine.dispose()


def row_counts(path: Path) -> dict[str, int]:
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        out = {name: conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
               for name in ("team", "match", "person", "article", "quote", "mention", "goal")}
    engine.dispose()
    return out
