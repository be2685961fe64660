"""URLs of one part of the back office (included by web/urls.py)."""

urlpatterns: list = []
