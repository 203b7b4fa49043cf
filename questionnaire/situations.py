"""The nine situations the questionnaire asks about, declared as data.

They come from the situations the source article lists as times a second
opinion may help (content brief, section 7). Each is reviewed and tested
like code: the wording, its weight, the reason for that weight, and the
guide that explains it. See scoring.py for how the weights are used.

Every situation is worded so that "Yes" means the reason applies. Each has
four ways of being shown, so an answer is never stated as more than it is:
- ``label``: a Yes, to the patient ("Your cancer is rare").
- ``unsure_label``: a Not sure, as an open question ("You were not sure
  whether your cancer is rare").
- ``mine`` and ``mine_unsure``: the same in the first person, for the PDF,
  which is the patient's own document.

Weights (3 strongest, 1 weakest), with the reason shown on the result page:
- 3: the diagnosis, or the choice of treatment itself, may be in doubt
  (unclear diagnosis, a plan made without any cancer specialist, few or no
  options, a rare cancer). A specialist review is most likely to add
  something here.
- 2: the plan is hard to undo or needs special skill (surgery first, a
  specialized treatment, a clinical trial, a small or rural hospital with
  fewer specialists).
- 1: one expert's view with no team review. The article lists "a diagnosis
  by a sub-specialist" without a reason; we read it as one angle where a
  team would add others, a weaker reason than the rest.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

YES, NO, UNSURE = "yes", "no", "unsure"
ANSWER_CHOICES = [(YES, _("Yes")), (NO, _("No")), (UNSURE, _("Not sure"))]
ANSWER_VALUES = frozenset(value for value, _label in ANSWER_CHOICES)


@dataclass(frozen=True)
class Weight:
    points: int
    name: str
    reason: str


WEIGHTS: dict[int, Weight] = {
    3: Weight(
        3,
        _("Strong reason"),
        _(
            "The diagnosis, or the choice of treatment, may itself be in doubt. "
            "A review by doctors who treat many cases like yours is most likely to add "
            "something here."
        ),
    ),
    2: Weight(
        2,
        _("Reason"),
        _(
            "The plan is hard to undo, or needs special skill. Another expert can check it "
            "before it starts."
        ),
    ),
    1: Weight(
        1,
        _("Weaker reason"),
        _(
            "The article lists it without saying why. We read it as one expert's view where "
            "a team would add others, so it weighs the least."
        ),
    ),
}


@dataclass(frozen=True)
class Situation:
    key: str
    question: str
    help: str
    why: str
    label: str
    unsure_label: str
    mine: str
    mine_unsure: str
    action: str
    ask: str
    weight: int
    guide_slug: str

    @property
    def weight_info(self) -> Weight:
        return WEIGHTS[self.weight]


SITUATIONS: tuple[Situation, ...] = (
    Situation(
        key="unclear-diagnosis",
        question=_("Is your diagnosis hard to understand, or has nobody explained it clearly?"),
        help=_(
            "For example, you are not sure what kind of cancer it is, or how far it has spread."
        ),
        why=_(
            "A second look often starts with your [[pathology]]: the new team's "
            "[[pathologist]] looks at your tissue again. They can check the diagnosis and "
            "explain it in a way that makes sense to you."
        ),
        label=_("Your diagnosis is not clear to you"),
        unsure_label=_("You were not sure whether your diagnosis is clear to you"),
        mine=_("My diagnosis is not clear to me"),
        mine_unsure=_("I am not sure whether I understand my diagnosis"),
        action=_(
            "Ask for a copy of your [[pathology report]]. Write down what you do not understand "
            "and bring it to both doctors."
        ),
        ask=_("Ask your care team to explain your diagnosis again, in plain words."),
        weight=3,
        guide_slug="what-is-a-second-opinion",
    ),
    Situation(
        key="no-cancer-specialist",
        question=_(
            "Was your treatment plan made without a cancer doctor who treats your type of cancer?"
        ),
        help=_(
            "For example, only your family doctor or a general surgeon has planned your care. "
            "Answer No if an [[oncologist]] (a cancer doctor) or a cancer team has seen your case."
        ),
        why=_(
            "Doctors who treat your type of cancer see many cases like yours. They may read your "
            "tests in another way, or suggest other tests or treatments."
        ),
        label=_("No doctor who treats your type of cancer has made or checked your plan"),
        unsure_label=_(
            "You were not sure whether a doctor who treats your type of cancer has checked "
            "your plan"
        ),
        mine=_("No doctor who treats my type of cancer has made or checked my plan"),
        mine_unsure=_(
            "I am not sure whether a doctor who treats my type of cancer has checked my plan"
        ),
        action=_(
            "Ask to see an [[oncologist]] who treats your type of cancer, or ask for a "
            "[[referral]] to a [[cancer center]]."
        ),
        ask=_(
            "Ask your care team whether a cancer doctor who treats your type of cancer has "
            "checked your plan."
        ),
        weight=3,
        guide_slug="who-should-consider-one",
    ),
    Situation(
        key="single-expert",
        question=_(
            "Was your diagnosis made by one specialist, with no team of other experts "
            "looking at it?"
        ),
        help=_(
            "For example, one doctor who focuses on your kind of cancer made the diagnosis and "
            "plan, and no [[tumor board]] has talked about your case. A tumor board is a meeting "
            "where different kinds of cancer doctors look at a case together."
        ),
        why=_(
            "The article this site is based on lists a diagnosis by a [[sub-specialist]] as a "
            "reason, without saying why. One expert sees your case from one side. A team of "
            "different experts can add other views."
        ),
        label=_("One specialist made your diagnosis, and no team has looked at it"),
        unsure_label=_("You were not sure whether a team of experts has looked at your case"),
        mine=_("One specialist made my diagnosis, and no team has looked at it"),
        mine_unsure=_("I am not sure whether a team of experts has looked at my case"),
        action=_(
            "Ask whether your case could go to a [[tumor board]], where doctors from other fields "
            "look at it together."
        ),
        ask=_("Ask your care team whether a [[tumor board]] has talked about your case."),
        weight=1,
        guide_slug="who-should-consider-one",
    ),
    Situation(
        key="few-options",
        question=_("Have you been told there are few or no treatment options for you?"),
        help=_("For example, you were told nothing more can be done, or there is only one choice."),
        why=_(
            "Cancer care changes fast. A center that focuses on your cancer may know of newer "
            "treatments or [[clinical trials|clinical-trial]]."
        ),
        label=_("You were told there are few or no treatment options"),
        unsure_label=_("You were not sure whether you have few or no treatment options"),
        mine=_("I was told there are few or no treatment options for me"),
        mine_unsure=_("I am not sure how many treatment options I have"),
        action=_(
            "Ask a cancer center that treats many people with your cancer whether they see "
            "other choices, clinical trials included."
        ),
        ask=_("Ask your care team what all your treatment choices are."),
        weight=3,
        guide_slug="why-it-matters",
    ),
    Situation(
        key="clinical-trial",
        question=_("Does your treatment plan include a [[clinical trial]]?"),
        help=_("A clinical trial is a study that tests a new treatment in people."),
        why=_(
            "Another expert can help you weigh the trial against the usual treatment, and "
            "check that it fits your cancer."
        ),
        label=_("Your plan includes a clinical trial"),
        unsure_label=_("You were not sure whether your plan includes a clinical trial"),
        mine=_("My plan includes a clinical trial"),
        mine_unsure=_("I am not sure whether my plan includes a clinical trial"),
        action=_(
            "Bring the trial's consent form and summary. Ask how the trial compares with "
            "the usual treatment."
        ),
        ask=_("Ask your care team whether any part of your plan is a clinical trial."),
        weight=2,
        guide_slug="who-should-consider-one",
    ),
    Situation(
        key="rare-cancer",
        question=_("Have you been told your cancer is rare?"),
        help=_(
            "A cancer is called rare when fewer than 15 in every 100,000 people get it each "
            "year (National Cancer Institute). There are many kinds: together they make up "
            "about 1 in 5 cancers."
        ),
        why=_(
            "With a rare cancer, a doctor who has seen many cases like yours can make a big "
            "difference. Such doctors are often at major [[cancer centers|cancer-center]]."
        ),
        label=_("Your cancer is rare"),
        unsure_label=_("You were not sure whether your cancer is rare"),
        mine=_("My cancer is rare"),
        mine_unsure=_("I am not sure whether my cancer is rare"),
        action=_(
            "Look for a cancer center or doctor who sees many people with your exact type "
            "of cancer. Your oncologist can help you find one."
        ),
        ask=_("Ask your care team how common your type of cancer is."),
        weight=3,
        guide_slug="where-to-go",
    ),
    Situation(
        key="surgery-first",
        question=_("Does your plan make surgery the main treatment?"),
        help=_("For example, an operation to remove the cancer is the first or only step."),
        why=_(
            "Surgery cannot be undone. Another expert can check whether surgery is the best "
            "first step, or whether other treatment should come first."
        ),
        label=_("Surgery is the main treatment in your plan"),
        unsure_label=_("You were not sure whether surgery is the main treatment in your plan"),
        mine=_("Surgery is the main treatment in my plan"),
        mine_unsure=_("I am not sure whether surgery is the main treatment in my plan"),
        action=_(
            "Ask whether other treatments could come before or instead of surgery. Bring your "
            "scan reports and the surgeon's plan."
        ),
        ask=_("Ask your care team whether surgery is the main part of your plan."),
        weight=2,
        guide_slug="who-should-consider-one",
    ),
    Situation(
        key="small-hospital",
        question=_("Were you diagnosed at a small or rural hospital?"),
        help=_("For example, a local hospital far from a big city or a cancer center."),
        why=_(
            "Small hospitals may have fewer cancer experts and fewer kinds of tests. A large "
            "cancer center may offer more."
        ),
        label=_("You were diagnosed at a small or rural hospital"),
        unsure_label=_("You were not sure whether your hospital counts as small or rural"),
        mine=_("I was diagnosed at a small or rural hospital"),
        mine_unsure=_("I am not sure whether my hospital counts as small or rural"),
        action=_(
            "Ask your doctor for a [[referral]] to a cancer center. Ask whether records can be "
            "sent ahead, so you may need only one trip."
        ),
        ask=_("Ask your care team how many people with your cancer their hospital treats."),
        weight=2,
        guide_slug="where-to-go",
    ),
    Situation(
        key="specialized-treatment",
        question=_("Does your plan involve a specialized treatment?"),
        help=_(
            "For example, a stem cell transplant, a new kind of radiation, or a treatment "
            "only a few places offer."
        ),
        why=_(
            "Special treatments need special skills. A team that gives this treatment often "
            "can tell you if it fits your case."
        ),
        label=_("Your plan involves a specialized treatment"),
        unsure_label=_("You were not sure whether your plan involves a specialized treatment"),
        mine=_("My plan involves a specialized treatment"),
        mine_unsure=_("I am not sure whether my plan involves a specialized treatment"),
        action=_(
            "Ask how often the center gives this treatment, and what other choices there are."
        ),
        ask=_("Ask your care team whether any part of your plan is a specialized treatment."),
        weight=2,
        guide_slug="who-should-consider-one",
    ),
)

BY_KEY: dict[str, Situation] = {s.key: s for s in SITUATIONS}
KEYS: tuple[str, ...] = tuple(BY_KEY)


def phrase(key: str, value: str, mine: bool = False) -> str:
    """How an answer reads back: a Yes as a fact, a Not sure as a question still open.

    ``mine`` gives the first person, for the PDF. Other answers have no phrase.
    """
    situation = BY_KEY[key]
    if value == YES:
        return str(situation.mine if mine else situation.label)
    if value == UNSURE:
        return str(situation.mine_unsure if mine else situation.unsure_label)
    return ""
