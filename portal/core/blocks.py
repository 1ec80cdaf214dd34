"""The shared StreamField blocks: one `BodyBlock` serves the body of every page type."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from .directory import Translated, get_directory
from .page_cache import cached_by_version

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        help_text=_("Use “Section heading” for main parts of the page."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "core/blocks/heading_block.html"


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Text alternative"),
        required=False,
        max_length=250,
        help_text=_("Describe the picture for people who cannot see it. Leave empty if it is decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "core/blocks/image_block.html"

    def get_api_representation(self, value, context=None):
        """In the API the image comes as fixed renditions with this block's text alternative."""
        # Imported here because Wagtail's API serializers look up the Page model when imported,
        # and this module is imported while the models are being loaded.
        from .api.serializers import image_representation

        data = super().get_api_representation(value, context)
        if value.get("image") is not None:
            data["image"] = image_representation(value["image"], (context or {}).get("request"))
            data["image"]["alt"] = value.get("alt_text") or ""
        return data


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "core/blocks/quote_block.html"


def localized_live_page(page):
    """`page.localized` (its live translation in the reader's locale, else the page itself),
    the answer kept by content version: two queries per link less on a translated page."""
    locale_id = get_directory().active_locale().pk
    if page.locale_id == locale_id:
        return page

    def load():
        translation = (
            type(page)
            ._default_manager.live()
            .filter(translation_key=page.translation_key, locale_id=locale_id)
            .first()
        )
        return [translation] if translation is not None else []

    found = cached_by_version(None, "core:live-translation", load, page.translation_key, locale_id)
    return Translated([page, *found]).localized(page, locale_id)


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Button text"),
        max_length=80,
        help_text=_("Say what happens, for example “Book a place”."),
    )
    page = blocks.PageChooserBlock(label=_("Page on this site"), required=False)
    url = blocks.URLBlock(label=_("Or an address on another site"), required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "core/blocks/call_to_action_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = value.get("page")
        context["target"] = localized_live_page(page) if page is not None else None
        return context

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter an address."))}
            )
        return value


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    embed = EmbedBlock(
        label=_("Video or other media"),
        help_text=_("Paste the address of a video, for example from PeerTube or YouTube."),
        icon="media",
    )

    class Meta:
        label = _("Body")
