"""The cost file upload."""

from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField

from tracker.forms import Form


class CostImportForm(Form):
    file = FileField("Fichier CSV ou XLSX", validators=[FileRequired("Choisissez un fichier.")])
    dry_run = BooleanField("Vérifier seulement (ne rien enregistrer)")
