"""The nine situations the questionnaire asks about, declared as data.

They come from the situations the source article lists as times a second
opinion may help (content brief, section 7). Each is reviewed and tested
like code: the wording, its weight in the result, and the guide that
explains it. See scoring.py for how the weights are used.

Weights (3 strongest, 1 weakest) reflect how directly the situation touches
what second-opinion reviewers check (diagnosis, tests, stage, plan):
- 3: the diagnosis itself may be uncertain or the options thin (unclear
  diagnosis, first diagnosis by a non-specialist, few or no options, a rare
  cancer). A specialist review is most likely to add something here.
- 2: the plan is hard to undo or depends on specialist know-how (surgery
  first, specialized treatment, a clinical trial, a small or rural hospital
  with fewer specialists).
- 1: a diagnosis by a cancer sub-specialist. The article lists it without
  a reason; a team can add views a single sub-specialist may not have.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

YES, NO, UNSURE = "yes", "no", "unsure"
ANSWER_CHOICES = [(YES, _("Yes")), (NO, _("No")), (UNSURE, _("Not sure"))]
ANSWER_VALUES = frozenset(value for value, _label in ANSWER_CHOICES)


@dataclass(frozen=True)
class Situation:
    key: str
    question: str
    help: str
    why: str
    label: str
    action: str
    ask: str
    weight: int
    guide_slug: str


SITUATIONS: tuple[Situation, ...] = (
    Situation(
        key="unclear-diagnosis",
        question=_("Is your diagnosis hard to understand, or has nobody explained it clearly?"),
        help=_(
            "For example, you are not sure what kind of cancer it is, or how far it has spread."
        ),
        why=_(
            "A second look often starts with the pathology report. A new team can check "
            "the diagnosis and explain it in a way that makes sense to you."
        ),
        label=_("Your diagnosis is not clear to you"),
        action=_(
            "Ask for a copy of your pathology report. Write down what you do not understand "
            "and bring it to both doctors."
        ),
        ask=_("Ask your care team to explain your diagnosis again, in plain words."),
        weight=3,
        guide_slug="what-is-a-second-opinion",
    ),
    Situation(
        key="not-cancer-specialist",
        question=_("Was your cancer first diagnosed by a doctor who is not a cancer specialist?"),
        help=_("For example, your family doctor, or a surgeon who treats many other problems."),
        why=_(
            "Cancer doctors see many cases like yours. One of them may read your tests in a "
            "different way, or suggest other tests."
        ),
        label=_("A doctor who is not a cancer specialist made the first diagnosis"),
        action=_(
            "Ask to see an oncologist who treats your type of cancer, or ask for a referral "
            "to a cancer center."
        ),
        ask=_("Ask your care team what kind of doctor made your diagnosis."),
        weight=3,
        guide_slug="who-should-consider-one",
    ),
    Situation(
        key="sub-specialist",
        question=_("Was your diagnosis made by a cancer sub-specialist?"),
        help=_(
            "A sub-specialist is a cancer doctor who focuses on one kind of cancer, or on "
            "one kind of treatment."
        ),
        why=_(
            "The guide we are based on lists this reason but does not say why. One reason may "
            "be that one expert sees your case from one side. A team of different experts can "
            "add other views."
        ),
        label=_("A cancer sub-specialist made the diagnosis"),
        action=_(
            "Ask whether your case could be looked at by a team, such as a tumor board, "
            "with doctors from other fields."
        ),
        ask=_("Ask your care team what kind of cancer doctor made your diagnosis."),
        weight=1,
        guide_slug="who-should-consider-one",
    ),
    Situation(
        key="few-options",
        question=_("Have you been told there are few or no treatment options for you?"),
        help=_("For example, you were told nothing more can be done, or there is only one choice."),
        why=_(
            "Cancer care changes fast. A center that focuses on your cancer may know of newer "
            "treatments or clinical trials."
        ),
        label=_("You were told there are few or no treatment options"),
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
        question=_("Does your treatment plan include a clinical trial?"),
        help=_("A clinical trial is a study that tests a new treatment in people."),
        why=_(
            "Another expert can help you weigh the trial against the usual treatment, and "
            "check that it fits your cancer."
        ),
        label=_("Your plan includes a clinical trial"),
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
        help=_("A rare cancer is one that few people get, so few doctors see it often."),
        why=_(
            "With a rare cancer, a doctor who has seen many cases like yours can make a big "
            "difference. Such doctors are often at major cancer centers."
        ),
        label=_("Your cancer is rare"),
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
        action=_(
            "Ask your doctor for a referral to a cancer center. Ask whether records can be "
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


def position(key: str) -> int:
    """1-based place of a situation in the questionnaire."""
    return KEYS.index(key) + 1


def first_unanswered(answers: dict[str, str]) -> Situation | None:
    """The first question, in order, with no valid answer yet; None when all are answered."""
    for situation in SITUATIONS:
        if answers.get(situation.key) not in ANSWER_VALUES:
            return situation
    return None


def previous_key(key: str) -> str | None:
    index = KEYS.index(key)
    return KEYS[index - 1] if index > 0 else None
