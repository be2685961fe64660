"""The public guide: the procedure in plain words, the self-check, the glossary and the
public description of the algorithm, in every language the guide ships (French first).

Safe for the person reading it: no cookie, no server-side storage, nothing loaded from a
third-party host, ``Cache-Control: no-store``, a quick exit on every page, usable without
JavaScript.
"""
