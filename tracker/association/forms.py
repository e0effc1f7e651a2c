"""The association's identity form."""

from wtforms import BooleanField, EmailField, StringField
from wtforms.validators import DataRequired, Length, Optional

from tracker.forms import REQUIRED, Form


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
    dossier_enabled = BooleanField(
        "Code dossier pseudonyme sur les activités",
        description="Permet de compter les personnes distinctes (seule une empreinte chiffrée est "
                    "enregistrée). Décochez pour ne plus le proposer.", default=True)
