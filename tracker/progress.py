"""How long work reports how far it is: a function of (phase, done, total), called every few
thousand rows. A page's job writes it to a file the page reads; the terminal draws a bar."""

from collections.abc import Callable

Progress = Callable[[str, int, int], None]
EVERY = 2000  # rows between two reports

READING = "Lecture du fichier"
CHECKING = "Vérification des lignes"
WRITING = "Écriture"


def no_progress(_phase: str, _done: int, _total: int) -> None:
    return None
