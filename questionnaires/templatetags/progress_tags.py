"""The pieces of the progress pages' tables: a share as a percentage in the active language, and a status's
swatch (its fill and pattern, as in the chart)."""

from django import template

from .. import charts

register = template.Library()


@register.filter
def percent(share):
    """`{{ share|percent }}`: 0.667 as '66.7%' (English) or '66,7 %' (French, Spanish)."""
    return charts.percent(share)


@register.simple_tag
def swatch(status, chart_id):
    """`{% swatch status chart_id %}`: the square of `status` as drawn in the chart `chart_id`."""
    return charts.swatch(status, chart_id=chart_id)


@register.simple_tag
def shares_rows(bars):
    """`{% shares_rows bars as rows %}`: the rows of the table of a chart, a status each."""
    return charts.table_rows(bars)
