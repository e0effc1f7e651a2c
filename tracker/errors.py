"""Domain errors and the French error pages."""

import errno

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from tracker.extensions import db


class DomainError(Exception):
    """A business rule was broken; the message is French and meant for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ValidationError(DomainError):
    """A business rule about one field (or none: field=None) failed."""

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field


def not_written(error: OSError, field: str | None = None) -> ValidationError:
    """A file the server could not write (a full disk, a folder it may not write in), said
    in French: nothing was kept."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return ValidationError(field, "Espace disque insuffisant sur le serveur : rien n'a été "
                                      "enregistré. Prévenez la personne qui gère le serveur.")
    return ValidationError(field, "Le serveur ne peut pas écrire ce fichier (dossier non "
                                  "accessible en écriture) : rien n'a été enregistré. Prévenez "
                                  "la personne qui gère le serveur.")


class UnreadableInput(DomainError):
    """A value typed into an address, a filter or an option that cannot be read
    (tracker.params)."""


ERROR_TITLES = {
    400: "Requête invalide",
    422: "Action impossible",
    403: "Accès refusé",
    404: "Page introuvable",
    405: "Action non permise",
    413: "Fichier trop volumineux",
    500: "Erreur interne",
}

ERROR_MESSAGES = {
    400: "La requête n'a pas pu être comprise. Revenez à la page précédente et réessayez.",
    403: "Votre rôle ne permet pas d'accéder à cette page ou d'effectuer cette action.",
    404: "Cette page n'existe pas ou plus. Vérifiez l'adresse ou repartez de l'accueil.",
    405: "Cette action n'est pas possible à cette adresse.",
    413: "Le fichier envoyé dépasse la taille autorisée. Réduisez-le ou découpez-le.",
    500: "Une erreur inattendue s'est produite. Elle a été enregistrée ; réessayez dans "
    "un instant ou prévenez la direction si elle persiste.",
}


def _render_error(code: int, message: str | None = None):
    title = ERROR_TITLES.get(code, "Erreur")
    body = message or ERROR_MESSAGES.get(code, "Une erreur s'est produite.")
    if request.accept_mimetypes.best == "application/json":
        return {"error": title, "message": body}, code
    return render_template("errors/error.html", code=code, title=title, message=body), code


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return _render_error(
            400,
            "Le formulaire a expiré ou n'a pas été envoyé depuis cette application. "
            "Rechargez la page et recommencez : rien n'a été enregistré.",
        )

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        """A business rule a view did not expect to break: nothing is kept, the user reads
        why in French (never a 500 page)."""
        db.session.rollback()
        return _render_error(422, error.message)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        # an address that cannot be read (tracker.params) says why, in French
        return _render_error(error.code or 500, getattr(error, "french_message", None))

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        app.logger.exception("Unhandled error: %s", error)
        return _render_error(500)
