"""The web server: REST API and UI over the service layer (`vnevents serve`)."""
from .app import create_app

__all__ = ["create_app"]
