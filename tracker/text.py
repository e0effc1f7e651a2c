"""Comparing what people type with codes and labels: case, accents and spacing ignored."""

import re
import unicodedata


def normalize(value: str) -> str:
    """'  Éducatrice_A1 ' -> 'educatrice a1'."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[\s_\-]+", " ", plain.casefold()).strip()


def label_variants(label: str) -> set[str]:
    """Forms a label may be typed in: 'Assistant(e) social(e)' gives 'assistant social' and
    'assistante sociale'; 'Éducateur / éducatrice' gives both words."""
    variants = set()
    for part in [label, *label.split("/")]:
        variants.add(normalize(part.replace("(e)", "")))
        variants.add(normalize(part.replace("(e)", "e")))
        variants.add(normalize(part))
    return {variant for variant in variants if variant}


def slugify(value: str) -> str:
    """A file name part: 'Subvention « Sésame » 2024' -> 'subvention-sesame-2024'."""
    return re.sub(r"[^a-z0-9]+", "-", normalize(value)).strip("-")[:60] or "document"


def without_gender_marks(label: str) -> str:
    """« Assistant(e) social(e) » -> « assistant social », as a post is named in a sentence."""
    return " ".join(label.replace("(e)", "").split()).lower()
