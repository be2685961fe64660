from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """PDF documents: récépissé, attestation, decisions."""

    name = "sejour_traite.documents"
    label = "documents"
    verbose_name = "Documents"
