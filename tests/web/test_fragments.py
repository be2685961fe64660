"""The per-process store of rendered fragments is bounded and renders each key once."""

from __future__ import annotations

from sejour_traite.web.fragments import Fragments


def test_a_fragment_is_rendered_once_and_the_least_recently_used_goes_first():
    rendered: list[str] = []

    def render(name: str):
        def build() -> str:
            rendered.append(name)
            return f"<p>{name}</p>"

        return build

    store = Fragments(2)
    assert store.get("a", render("a")) == "<p>a</p>"
    assert store.get("b", render("b")) == "<p>b</p>"
    assert store.get("a", render("a")) == "<p>a</p>"  # kept: not rendered again
    store.get("c", render("c"))  # over the bound: "b", the least recently used, goes

    assert rendered == ["a", "b", "c"]
    assert len(store) == 2
    store.get("b", render("b"))
    assert rendered == ["a", "b", "c", "b"]


def test_a_dossier_page_in_two_languages_keeps_two_fragments(client, dossier, users):
    """The explained objects are kept per language: the English page is not the French one."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sejour_traite.web.templatetags.sejour import LAW_OBJECTS

    agent = users["agent"]
    device = TOTPDevice.objects.create(user=agent, name="app", confirmed=True)
    client.force_login(agent)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    french = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    client.post("/langue/", {"language": "en", "next": f"/dossiers/{dossier.pk}/"})
    english = client.get(f"/dossiers/{dossier.pk}/").content.decode()

    assert "Délai de réflexion" in french and "Reflection period" in english
    assert "Reflection period" not in french
    assert len(LAW_OBJECTS) > 0
