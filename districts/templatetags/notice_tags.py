"""Notices in templates: `{% page_notices %}` in base.html (the urgent banner, and the notices
of the page's district, initiative or of the home page) and `{% house_notices house %}` on a
house's card. What shows where is districts/notices.py."""

from django import template

from districts import notices

register = template.Library()


@register.inclusion_tag("districts/includes/page_notices.html", takes_context=True)
def page_notices(context):
    page = context.get("page")
    request = context.get("request")
    if page is None or getattr(page, "pk", None) is None:
        return {"banner": [], "others": []}
    banner, others = notices.for_page(request, page)
    return {
        "banner": banner,
        "others": others,
        "request": request,
        "page": page,
        # On the home page notices come from every district: each says which.
        "show_where": notices.is_home(page),
    }


@register.inclusion_tag("districts/includes/notice_list.html", takes_context=True)
def house_notices(context, house):
    if house is None:
        return {"notices": []}
    return {
        "notices": notices.for_house(context.get("request"), house),
        "request": context.get("request"),
        "page": context.get("page"),
    }
