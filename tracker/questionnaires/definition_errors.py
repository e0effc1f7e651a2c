"""The refusal of a definition that cannot be used."""

from tracker.errors import DomainError


class DefinitionError(DomainError):
    """A definition that cannot be used: names the file, the item, the problem."""

    def __init__(self, source: str, item: str | None, problem: str):
        where = f"{source}, élément « {item} »" if item else source
        super().__init__(f"{where} : {problem}")
        self.source, self.item, self.problem = source, item, problem
