"""Word templates (docxtpl): checked against the definition, tried once with empty values,
then filled with a year's values. Rendering is sandboxed and escaped: a narrative's « < » or
« & » stays text, and a template cannot reach anything but the values given."""

import io
from zipfile import BadZipFile

from docx import Document
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from tracker.errors import DomainError
from tracker.questionnaires.funder_forms.docx_check import check_places
from tracker.questionnaires.funder_forms.docx_places import document_parts
from tracker.questionnaires.funder_forms.problems import Problem, TemplateCheck
from tracker.questionnaires.funder_forms.shapes import item_ids, names_of
from tracker.questionnaires.funder_forms.values import empty_values
from tracker.questionnaires.schema import Definition

MACROS = "word/vbaProject.bin"


def check_docx(definition: Definition, content: bytes) -> TemplateCheck:
    check = TemplateCheck("docx")
    try:
        document = Document(io.BytesIO(content))
    except (BadZipFile, KeyError, ValueError):
        check.problems.append(Problem("fichier", "ce n'est pas un document Word (.docx) "
                                                 "lisible"))
        return check
    if any(part.partname == "/" + MACROS for part in document.part.package.iter_parts()):
        check.problems.append(Problem("fichier", "le document contient des macros : "
                                                 "enregistrez-le en .docx sans macros"))
        return check
    names, used = names_of(definition), set()
    for _part, places, paged in document_parts(document):
        problems, named = check_places(places, paged, names, definition.id)
        check.problems.extend(problems)
        used |= named
    if not used and not check.problems:
        check.problems.append(Problem("document", "aucun repère {{ … }} : le modèle ne "
                                                  "reçoit rien du questionnaire"))
    if not check.problems:
        try:
            fill_docx(content, empty_values(definition))
        except DomainError as error:
            check.problems.append(Problem("document", error.message))
    check.unused = [item for item in item_ids(definition) if item not in used]
    return check


def fill_docx(content: bytes, values: dict[str, object]) -> bytes:
    template = DocxTemplate(io.BytesIO(content))
    environment = ImmutableSandboxedEnvironment(autoescape=True)
    try:
        template.render(values, environment, autoescape=True)
    except TemplateError as error:
        raise DomainError(f"Le modèle Word ne peut pas être rempli : {error}") from error
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()
