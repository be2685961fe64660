"""Statistics of a prefecture's case files: aggregates only, small counts masked.

``queries`` computes the figures a supervisor may see (counts by state, decisions by act and
year, nationalities, offence categories, processing times); every count below
``queries.SMALL_COUNT`` leaves this package already masked, so that no page and no export
can show it by mistake. ``export`` writes the same figures as CSV and XLSX.

This package reads ``dossiers`` and ``law``; it never imports an interface (``web``).
"""
