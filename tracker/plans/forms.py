"""Forms of the action plans: a YAML file to import, the plan's YAML edited on its page, a
typed indicator's value for a year, an objective's evaluation for a year."""

from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from tracker.forms import REQUIRED, Form, FrenchDecimalField, choices
from tracker.plans.vocabulary import ASSESSMENTS, DECISIONS


class PlanFileForm(Form):
    file = FileField("Plan d'action (YAML)", validators=[FileRequired("Choisissez un fichier.")])


class PlanTextForm(Form):
    text = TextAreaField("Le plan en YAML (objectifs, actions, indicateurs, cibles)",
                         validators=[DataRequired(REQUIRED), Length(max=256 * 1024)],
                         render_kw={"rows": 30, "spellcheck": "false", "class": "yaml"})


class IndicatorValueForm(Form):
    value = FrenchDecimalField("Valeur de l'année", validators=[Optional()])
    source = StringField("Source", validators=[Optional(), Length(max=300)])


class EvaluationForm(Form):
    assessment = SelectField("Appréciation de l'équipe",
                             choices=choices([("", "—")] + list(ASSESSMENTS.items())),
                             validators=[Optional()])
    comment = TextAreaField("Commentaire", validators=[Optional(), Length(max=5000)],
                            render_kw={"rows": 3})
    decision = SelectField("Pour l'année suivante",
                           choices=choices([("", "—")] + list(DECISIONS.items())),
                           validators=[Optional()])
