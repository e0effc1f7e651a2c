"""The one registry of exports, pretix-style: an exporter is an identifier, a French label
and, for each file format of the registry (documents/formats.py), the function turning its
data into that file. Downloads, `tracker` commands and jobs find an export's formats and
render its files here."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tracker.documents.formats import FORMATS


@dataclass(frozen=True)
class Exporter:
    identifier: str
    label: str
    renderers: dict[str, Callable[[Any], bytes]]  # format identifier -> render(data)

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(self.renderers)

    def render(self, data: Any, file_format: str) -> bytes:
        return self.renderers[file_format](data)


EXPORTERS: dict[str, Exporter] = {}


def register_exporter(identifier: str, label: str,
                      **renderers: Callable[[Any], bytes]) -> Exporter:
    """Register an export; each keyword is a format of the registry and its renderer."""
    unknown = sorted(set(renderers) - set(FORMATS))
    if unknown:
        raise LookupError(f"formats absent from documents/formats.py: {unknown}")
    exporter = Exporter(identifier, label, dict(renderers))
    EXPORTERS[identifier] = exporter
    return exporter
