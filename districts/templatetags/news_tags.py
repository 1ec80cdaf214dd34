"""Template tags of the news pages: their schema.org JSON-LD."""

from django import template
from django.utils.translation import get_language

from districts.news import news_article

register = template.Library()


@register.simple_tag(takes_context=True)
def news_json_ld(context, page):
    return news_article(page, context.get("request"), language=get_language() or "it")
