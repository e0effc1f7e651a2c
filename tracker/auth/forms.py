"""Sign-in and user management forms."""

from wtforms import BooleanField, EmailField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from tracker.auth.roles import ROLE_LABELS
from tracker.forms import REQUIRED, Form


def role_choices() -> list[SelectChoice]:
    """A blank first choice: a new account's role is chosen on purpose, never defaulted to
    the direction's."""
    return [SelectChoice("", "— choisir le rôle —")] + [
        SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()]


class LoginForm(Form):
    email = EmailField("Adresse e-mail", validators=[DataRequired(REQUIRED), Length(max=254)])
    password = PasswordField("Mot de passe", validators=[DataRequired(REQUIRED), Length(max=200)])
    remember = BooleanField("Rester connecté(e) sur cet ordinateur (14 jours)")


class UserForm(Form):
    email = EmailField(
        "Adresse e-mail",
        validators=[DataRequired(REQUIRED), Length(max=254)],
    )
    full_name = StringField("Nom complet", validators=[DataRequired(REQUIRED), Length(max=200)])
    role = SelectField("Rôle", choices=role_choices(), validators=[DataRequired(REQUIRED)])
    active = BooleanField("Compte actif", default=True)
    password = PasswordField(
        "Mot de passe",
        description="Au moins 10 caractères. Laissez vide pour ne pas le changer.",
        validators=[Optional(), Length(max=200)],
    )
