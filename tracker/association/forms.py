"""The association's identity form."""

from wtforms import BooleanField, EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from tracker.association.models import REGIONS
from tracker.forms import REQUIRED, Form, choices


class AssociationForm(Form):
    name = StringField("Dénomination", validators=[DataRequired(REQUIRED), Length(max=200)])
    legal_form = StringField("Forme juridique", default="ASBL", validators=[Length(max=20)])
    enterprise_number = StringField(
        "Numéro d'entreprise", description="Par exemple 0412.345.678",
        validators=[Optional(), Length(max=20)],
    )
    street = StringField("Rue et numéro", validators=[Length(max=200)])
    postcode = StringField("Code postal", validators=[Length(max=10)])
    city = StringField("Localité", validators=[Length(max=100)])
    phone = StringField("Téléphone", validators=[Length(max=40)])
    email = EmailField("E-mail", validators=[Optional(), Length(max=254)])
    website = StringField("Site web", validators=[Length(max=200)])
    maribel_joint_committee = StringField(
        "Commission paritaire", description="Par exemple 330 (établissements et services de "
                                            "santé).", validators=[Length(max=20)])
    maribel_fund = StringField(
        "Fonds Maribel social", description="Le numéro du fonds de la commission paritaire, "
                                            "par exemple 330.01 : le plafond de "
                                            "l'intervention est le sien.",
        validators=[Length(max=20)])
    dossier_enabled = BooleanField(
        "Code dossier pseudonyme sur les activités",
        description="Permet de compter les personnes distinctes (seule une empreinte chiffrée est "
                    "enregistrée). Décochez pour ne plus le proposer.", default=True)


class SiteForm(Form):
    name = StringField("Nom du site", validators=[DataRequired(REQUIRED), Length(max=150)])
    region = SelectField("Région", choices=choices(REGIONS.items()))
    address = StringField("Adresse", validators=[Length(max=300)])
    is_seat = BooleanField("Siège (le lieu de travail par défaut)")
