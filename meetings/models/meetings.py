"""Member States, bodies and their meetings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .. import ordinals, wording

# The languages of content and documents (the six of the United Nations), not those of the interface.
LANGUAGE_CHOICES = settings.CONTENT_LANGUAGES


class MemberState(models.Model):
    """A Member State of the United Nations, named as in the UN terminology database."""

    class Region(models.TextChoices):
        AFRICA = "africa", _("African States")
        ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific States")
        EASTERN_EUROPE = "eastern_europe", _("Eastern European States")
        LATIN_AMERICA_CARIBBEAN = "latin_america_caribbean", _("Latin American and Caribbean States")
        WESTERN_EUROPE_OTHERS = "western_europe_others", _("Western European and other States")

    code = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.CharField(_("regional group"), max_length=30, choices=Region.choices)

    class Meta:
        verbose_name = _("member State")
        verbose_name_plural = _("member States")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NounGender(models.TextChoices):
    MASCULINE = "masculine", _("Masculine")
    FEMININE = "feminine", _("Feminine")
    NEUTER = "neuter", _("Neuter")


class OrdinalStyle(models.TextChoices):
    TITLE = "title", _('In words, capitalized as a title ("Thirty-first Meeting")')
    WORDS = "words", _('In words, in lower case inside a sentence ("fifty-eighth session")')
    FIGURES = "figures", _('In figures ("58º período de sesiones")')


class Body(models.Model):
    """A meeting series, such as HONLAC, with its symbol prefix, working languages and participating States."""

    code = models.SlugField(_("code"), max_length=20, unique=True, allow_unicode=False)
    title = models.CharField(
        _("title"),
        max_length=300,
        help_text=_(
            'Without the ordinal, e.g. "Meeting of Heads of National Drug Law Enforcement Agencies, '
            'Latin America and the Caribbean".'
        ),
    )
    meeting_noun = models.CharField(
        _("name of one meeting"), max_length=60, help_text=_('The word that follows the ordinal, e.g. "Meeting".')
    )
    # How each working language names one meeting: the grammatical gender of the noun ("Reunión" is feminine,
    # "período de sesiones" masculine) and how UN style writes its ordinal there ("Thirty-first Meeting",
    # "fifty-eighth session", "58º período de sesiones"). Entered per language, as the noun is.
    meeting_noun_gender = models.CharField(
        _("gender of the name of one meeting"), max_length=10, choices=NounGender.choices, blank=True, default=""
    )
    ordinal_style = models.CharField(
        _("how the ordinal is written"), max_length=10, choices=OrdinalStyle.choices, blank=True, default=""
    )
    later_meeting = models.CharField(
        _("a later meeting"),
        max_length=100,
        blank=True,
        help_text=_('How an offer to host "a later meeting" of the body reads, e.g. "a later session".'),
    )
    symbol_prefix = models.CharField(_("document symbol prefix"), max_length=40, unique=True)
    working_languages = models.JSONField(_("working languages"), default=list)
    original_language = models.CharField(
        _("usual original language"), max_length=8, choices=LANGUAGE_CHOICES, default="en"
    )
    parent_organ = models.CharField(_("parent organ"), max_length=200)
    member_states = models.ManyToManyField(
        MemberState, verbose_name=_("participating member States"), related_name="bodies", blank=True
    )

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["code"]

    def __str__(self):
        return self.code.upper()

    def clean(self):
        known = {code for code, _name in LANGUAGE_CHOICES}
        languages = self.working_languages
        if (
            not isinstance(languages, list)
            or not languages
            or not all(isinstance(code, str) and code in known for code in languages)
        ):
            raise ValidationError({"working_languages": _("Choose working languages among those of the portal.")})
        # Listed twice, a language would be printed twice ("English, English and French") and offered twice.
        repeated = {code for code in languages if languages.count(code) > 1}
        if repeated:
            message = _(
                "Listed more than once among the working languages: %(languages)s. List each language once."
            ) % {"languages": wording.language_list(repeated, translation.get_language() or "en")}
            raise ValidationError({"working_languages": message})

    @property
    def display_code(self):
        return self.code.upper()

    # How the body names its meetings in each working language -------------------------------------------------

    def content_language(self, language=None):
        """The working language in which to write the body's titles for a reader of `language` (the interface's
        by default): `language` itself if the body works in it, else the body's usual original language. A page
        in Spanish names an English-French body's meetings in English, never half in Spanish."""
        language = language or translation.get_language() or "en"
        languages = self.working_languages or []
        if language in languages or not languages:
            return language
        return self.original_language if self.original_language in languages else languages[0]

    def in_language(self, name, language):
        """The field `name` as entered in `language` ('title', 'meeting_noun'...), else in English."""
        return getattr(self, f"{name}_{language}", None) or getattr(self, f"{name}_en", None) or ""

    def meeting_ordinal(self, number, language, case="nominative"):
        """The ordinal of meeting `number` in `language`, agreeing with the body's noun and in its style there."""
        gender = getattr(self, f"meeting_noun_gender_{language}", "") or ordinals.FEMININE
        style = getattr(self, f"ordinal_style_{language}", "") or ordinals.DEFAULT_STYLE.get(language, ordinals.WORDS)
        return ordinals.ordinal(number, language, gender=gender, style=style, case=case)

    def meeting_name(self, number, language, case="nominative"):
        """'Thirty-first Meeting', 'fifty-eighth session', '58º período de sesiones', 'الدورة الثامنة والخمسون',
        '第五十八届会议': the ordinal and the noun, in the order of the language."""
        words = self.meeting_ordinal(number, language, case)
        noun = self.in_language("meeting_noun", language)
        if language == "zh":
            return f"{words}{noun}"
        if language == "ar":
            return f"{noun} {words}"
        return f"{words} {noun}"

    def meeting_title(self, number, language, case="nominative"):
        """The full title of meeting `number`: the body's title with the ordinal where `{ordinal}` stands in it,
        or before it."""
        title = self.in_language("title", language)
        words = self.meeting_ordinal(number, language, case)
        return title.replace("{ordinal}", words) if "{ordinal}" in title else f"{words} {title}"

    def meeting_noun_is_masculine(self, language):
        """Whether the noun of one meeting is masculine (or neuter) in `language`, for the sentences whose article
        agrees with it: "Organización del 59º período de sesiones", "de la Trigésima Tercera Reunión"."""
        return getattr(self, f"meeting_noun_gender_{language}", "") in (NounGender.MASCULINE, NounGender.NEUTER)

    def series_title(self, language):
        """The body's title without an ordinal, for a sentence on the series ("the States represented at the
        Meeting of Heads of..."): the title in `language` with its {ordinal} taken out."""
        return " ".join(self.in_language("title", language).replace("{ordinal}", " ").split())

    def later_meeting_in(self, language):
        """'a later meeting', 'a later session': how an offer for no meeting in particular reads in `language`."""
        own = getattr(self, f"later_meeting_{language}", "")
        if own:
            return own
        with translation.override(language):
            return str(_("a later meeting"))


class Meeting(models.Model):
    """The Nth meeting of a body."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONVENED = "convened", _("Convened")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveSmallIntegerField(_("number"))
    host_state = models.ForeignKey(
        MemberState,
        verbose_name=_("host State"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    participating_states = models.ManyToManyField(
        MemberState, verbose_name=_("participating States"), related_name="meetings", blank=True
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["body__code", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="meeting_unique_number_per_body"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date"))
                | models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True),
                name="meeting_ends_after_start",
                violation_error_message=_("A meeting cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.full_title()

    def get_absolute_url(self):
        return reverse("meetings:detail", kwargs={"body": self.body.code, "number": self.number})

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A meeting cannot end before it starts.")})

    def ordinal(self, language=None, case="nominative"):
        """The ordinal of the meeting in `language` (a working language of the body; see Body.content_language)."""
        return self.body.meeting_ordinal(self.number, self.body.content_language(language), case)

    def short_title(self, language=None, case="nominative"):
        """'Thirty-first Meeting', 'trente et unième Réunion', '58º período de sesiones', as written inside a
        sentence."""
        return self.body.meeting_name(self.number, self.body.content_language(language), case)

    def full_title(self, language=None, case="nominative"):
        """The ordinal followed by the body's title (or within it), as written inside a sentence."""
        return self.body.meeting_title(self.number, self.body.content_language(language), case)

    def heading(self, language=None):
        """The full title as it starts a heading."""
        return capfirst(self.full_title(language))

    def place_and_dates(self, language=None):
        language = language or translation.get_language() or "en"
        dates = wording.date_range(self.start_date, self.end_date, language)
        return ", ".join(part for part in (self.city_in(language), dates) if part)

    def city_in(self, language):
        with wording.using_language(language):
            return self.city
