"""How strong a password must be: long enough, not the e-mail, and hard to guess by zxcvbn's
estimate, with the words French-speaking offices build passwords from and the association's own
name and town counted as known to an attacker."""

import re
from functools import cache
from pathlib import Path

from flask import current_app
from zxcvbn import zxcvbn

from tracker.errors import ValidationError
from tracker.text import normalize

MIN_PASSWORD_LENGTH = 10
MIN_PASSWORD_SCORE = 3  # zxcvbn: 0 (too guessable) to 4 (very unguessable)
KNOWN_WORDS = "words_known_to_attackers"  # app.extensions: a function giving more words


def check_password_strength(password: str, email: str = "", full_name: str = "") -> None:
    """At least MIN_PASSWORD_LENGTH characters that are not all spaces, not the account's
    e-mail, and hard to guess by zxcvbn's estimate (score ≥ MIN_PASSWORD_SCORE: about 10^8
    guesses), the e-mail and the name counted as known to an attacker."""
    password = password or ""
    if len(password.strip()) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            "password",
            f"Le mot de passe doit compter au moins {MIN_PASSWORD_LENGTH} caractères (pas "
            "seulement des espaces).",
        )
    email = (email or "").strip().lower()  # as services.normalize_email reads it
    local = email.partition("@")[0]
    known = [part for part in (email, local, *re.split(r"[\s.\-_]+", f"{local} {full_name}"))
             if part]
    if email and password.strip().lower() in (email, local):
        raise ValidationError("password", "Le mot de passe ne peut pas être l'adresse e-mail.")
    known = _known_to_attackers() + known + _french_words()
    if (zxcvbn(password[:100], user_inputs=known)["score"] < MIN_PASSWORD_SCORE
            or _only_known_words(password, known)):
        raise ValidationError(
            "password",
            "Ce mot de passe est trop facile à deviner (mot courant, suite de caractères, "
            "répétition ou nom de la personne). Choisissez plutôt trois ou quatre mots sans "
            "lien entre eux, séparés par des tirets.",
        )


@cache
def _french_words() -> list[str]:
    """What French-speaking offices build passwords from (zxcvbn knows English words)."""
    lines = (Path(__file__).parent / "french_words.txt").read_text(encoding="utf-8")
    return [line.strip() for line in lines.splitlines() if line.strip()
            and not line.startswith("#")]


def _only_known_words(password: str, known: list[str]) -> bool:
    """Whether the password's letters are nothing but one to three known words (« Liege2023!! »,
    « ASBLHorizon2025 »: the digits and signs around them add little)."""
    letters = re.sub(r"[^a-z]", "", normalize(password))
    words = {normalize(word) for word in known if len(word) >= 3}
    if len(letters) < 3:
        return True
    fewest = [0] + [99] * len(letters)  # fewest known words spelling the first i letters
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - 20), end - 2):
            if letters[start:end] in words:
                fewest[end] = min(fewest[end], fewest[start] + 1)
    return fewest[-1] <= 3


def _known_to_attackers() -> list[str]:
    """Words a module above adds (the association's name and town: `association` puts a
    function in app.extensions when its blueprint is registered)."""
    words = current_app.extensions.get(KNOWN_WORDS)
    return [] if words is None else [word.lower() for word in words() if word]
