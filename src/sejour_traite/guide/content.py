"""What the guide says: the procedure step by step, the glossary, who can help, and the
words of the self-check and of its result.

Every sentence here is a gettext message whose id is the French text (French is the
reference version). The content follows legal-spec.md §1 and the rules' own sentences
(``law/data/rules.yaml``); each step names the rules it rests on, documented at
``/regles/<rule id>/``. Nothing here decides anything: the law engine does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

#: Where the rule documentation lives (built by the web app, public).
RULES_PATH = "/regles/"
#: The quick exit leaves for this neutral site (a weather forecast).
QUICK_EXIT_URL = "https://meteofrance.com/"


def rule_url(rule_id: str) -> str:
    """The public documentation page of a rule (``/regles/R-CST-01/``)."""
    return f"{RULES_PATH}{rule_id}/"


def parameter_url(name: str) -> str:
    """The public documentation page of a parameter (``/regles/parametres/P-CST-MONTHS/``)."""
    return f"{RULES_PATH}parametres/{name}/"


OPEN_QUESTIONS_URL = f"{RULES_PATH}questions-ouvertes/"


# ------------------------------------------------------------------------ the procedure

#: What a step can give, each with its pictogram-free label.
BENEFITS: dict[str, Promise] = {
    "work": _("Travailler"),
    "removal": _("Protection contre l'éloignement"),
    "allowance": _("Allocation"),
    "health": _("Couverture santé"),
    "housing": _("Hébergement et protection"),
    "legal_aid": _("Aide juridique"),
}


@dataclass(frozen=True)
class Basis:
    """A legal basis: the article as the law writes it, and the rule documenting it."""

    article: str
    rule: str

    @property
    def url(self) -> str:
        """The documentation page of the rule."""
        return rule_url(self.rule)


@dataclass(frozen=True)
class Step:
    """One step of the procedure, in plain words."""

    slug: str
    title: Promise
    summary: Promise
    points: tuple[Promise, ...]
    gives: tuple[tuple[str, Promise], ...]
    basis: tuple[Basis, ...]

    @property
    def benefits(self) -> list[tuple[str, Promise, Promise]]:
        """What the step gives: (key, label of the benefit, note)."""
        return [(key, BENEFITS[key], note) for key, note in self.gives]


STEPS: tuple[Step, ...] = (
    Step(
        slug="police",
        title=_("Parler à la police ou à la gendarmerie"),
        summary=_("Tout commence par une audition par la police ou la gendarmerie."),
        points=(
            _(
                "Seules la police et la gendarmerie peuvent vous reconnaître comme victime "
                "et prévenir la préfecture."
            ),
            _("Une association peut vous accompagner."),
            _(
                "Si vous allez d'abord à la préfecture, elle vous orientera vers la police "
                "ou la gendarmerie."
            ),
            _(
                "La police doit vous expliquer vos droits, dans une langue que vous "
                "comprenez et de façon confidentielle : le séjour et le travail, "
                "l'hébergement et la protection, vos droits de victime et le délai de "
                "réflexion de 30 jours."
            ),
            _(
                "Si la police avait des raisons de penser que vous étiez victime et ne vous "
                "a pas expliqué ces droits, une mesure d'éloignement prise ensuite est "
                "illégale."
            ),
        ),
        gives=(
            (
                "legal_aid",
                _(
                    "Information sur vos droits de victime, dont l'aide juridictionnelle et "
                    "l'indemnisation par la CIVI."
                ),
            ),
        ),
        basis=(
            Basis("circulaire du 5 février 2009, § 1.1", "R-IDENT-01"),
            Basis("CESEDA R425-1", "R-INFO-01"),
            Basis("CE, 15 juin 2012, n° 339209", "R-INFO-02"),
            Basis("CPP 53-1", "R-SOCIAL-04"),
        ),
    ),
    Step(
        slug="reflexion",
        title=_("Le délai de réflexion : 30 jours pour décider"),
        summary=_("Vous pouvez prendre 30 jours pour décider si vous portez plainte ou témoignez."),
        points=(
            _("Demandez-le à la police ou à la gendarmerie. Elle prévient la préfecture."),
            _(
                "La préfecture vous remet le jour même un récépissé valable 30 jours. Le "
                "signalement de la police et une photo d'identité suffisent."
            ),
            _(
                "Les 30 jours commencent le jour où vous recevez le récépissé. Ils ne sont "
                "pas renouvelables."
            ),
            _("Ce délai est facultatif : vous pouvez porter plainte ou témoigner tout de suite."),
            _(
                "Le préfet peut l'interrompre si vous reprenez contact de vous-même avec les "
                "auteurs, ou si votre présence est une menace grave pour l'ordre public."
            ),
        ),
        gives=(
            ("work", _("Oui, pendant les 30 jours.")),
            (
                "removal",
                _("Aucune mesure d'éloignement ne peut être prise ni exécutée pendant ce délai."),
            ),
            ("health", _("Aide médicale de l'État (AME).")),
            (
                "housing",
                _(
                    "Accompagnement par une association ; protection policière et "
                    "hébergement sécurisé si vous êtes en danger."
                ),
            ),
            (
                "allowance",
                _("Depuis novembre 2015, une allocation pendant ce délai n'est pas certaine."),
            ),
        ),
        basis=(
            Basis("CESEDA R425-2", "R-REFLEXION-01"),
            Basis("CESEDA R425-3", "R-RECEPISSE-01"),
            Basis("CESEDA R425-2", "R-REFLEXION-03"),
            Basis("CESEDA R425-2 al. 2", "R-REFLEXION-05"),
            Basis("CESEDA R425-2 al. 1", "R-REFLEXION-06"),
            Basis("CESEDA R425-4", "R-REFLEXION-07"),
            Basis("CESEDA R425-7 4°", "R-SOCIAL-05"),
        ),
    ),
    Step(
        slug="plainte",
        title=_("Porter plainte ou témoigner"),
        summary=_(
            "Pour obtenir la carte de séjour, il faut aider la justice : porter plainte ou "
            "témoigner."
        ),
        points=(
            _(
                "Porter plainte : vous dénoncez une personne pour des faits de traite ou de "
                "proxénétisme commis contre vous."
            ),
            _(
                "Témoigner : vous témoignez dans une procédure pénale contre une personne "
                "poursuivie pour ces faits."
            ),
            _("Une action seulement civile, par exemple aux prud'hommes, ne suffit pas."),
            _(
                "Gardez le récépissé de dépôt de plainte. La préfecture demande seulement la "
                "preuve de la plainte ou la référence de la procédure, jamais son contenu."
            ),
            _(
                "Pour une plainte « contre X » (auteur inconnu), la justice doit confirmer "
                "qu'une procédure y fait suite."
            ),
        ),
        gives=(
            (
                "legal_aid",
                _("Aide juridictionnelle selon vos ressources ; indemnisation par la CIVI."),
            ),
        ),
        basis=(
            Basis("CESEDA L425-1 ; C. pén. 225-4-1 à 225-4-6, 225-5 à 225-10", "R-SCOPE-04"),
            Basis("CESEDA L425-1", "R-SCOPE-05"),
            Basis("circulaire du 5 février 2009, § 3.1", "R-CST-07"),
            Basis("CPP 53-1, CPP 706-3", "R-SOCIAL-04"),
        ),
    ),
    Step(
        slug="carte",
        title=_("La carte de séjour temporaire (1 an)"),
        summary=_(
            "Après la plainte ou le témoignage, demandez à la préfecture la carte de séjour "
            "temporaire « vie privée et familiale »."
        ),
        points=(
            _(
                "Conditions : avoir porté plainte ou témoigné, avoir coupé tout lien avec les "
                "auteurs, et ne pas être une menace pour l'ordre public."
            ),
            _(
                "Quand ces conditions sont remplies, la carte est délivrée de plein droit : "
                "la préfecture doit vous la donner."
            ),
            _("Elle est valable un an. Elle est gratuite."),
            _("Vous n'avez besoin ni d'un visa de long séjour ni d'un contrat de travail."),
            _(
                "Depuis le 17 juillet 2024, vous signez le contrat d'engagement à respecter "
                "les principes de la République."
            ),
            _(
                "Depuis le 28 janvier 2024, le préfet peut refuser dans certains cas prévus "
                "par la loi, par exemple une ancienne obligation de quitter la France non "
                "respectée. Il doit alors motiver sa décision."
            ),
            _("Pendant l'examen de votre demande, un récépissé vous autorise à travailler."),
        ),
        gives=(
            ("work", _("Oui.")),
            ("removal", _("Avec une carte valable, votre séjour est régulier.")),
            (
                "allowance",
                _(
                    "Allocation pour demandeur d'asile (ADA) à partir de 18 ans, si vos "
                    "ressources sont inférieures au RSA."
                ),
            ),
            ("health", _("Protection universelle maladie (PUMa).")),
            (
                "housing",
                _(
                    "Centres d'hébergement (CHRS) ; dispositif national Ac-Sé si votre "
                    "sécurité exige de changer de région."
                ),
            ),
            (
                "legal_aid",
                _(
                    "Accompagnement social par une association ; protection policière si "
                    "vous êtes en danger."
                ),
            ),
        ),
        basis=(
            Basis("CESEDA L425-1", "R-CST-01"),
            Basis("CESEDA L412-5", "R-CST-01b"),
            Basis("CESEDA L425-1", "R-CST-02"),
            Basis("CESEDA L425-1", "R-CST-03"),
            Basis("CESEDA L425-1", "R-CST-04"),
            Basis("CESEDA R425-7 al. 1", "R-CST-05"),
            Basis("CESEDA L436-8", "R-CST-06"),
            Basis("CESEDA L412-8", "R-CST-08"),
            Basis("CESEDA L432-1-1", "R-CST-09"),
            Basis("CESEDA R431-14", "R-RECEPISSE-02"),
            Basis("CESEDA L425-2", "R-SOCIAL-01"),
            Basis("CESEDA R425-7 1°", "R-SOCIAL-02"),
            Basis("CESEDA R425-8", "R-SOCIAL-03"),
            Basis("CESEDA R425-7 3°", "R-SOCIAL-06"),
        ),
    ),
    Step(
        slug="renouvellement",
        title=_("Les renouvellements"),
        summary=_("La carte est renouvelée tant que dure la procédure pénale."),
        points=(
            _(
                "La carte est renouvelée pendant toute la procédure pénale, appels compris, "
                "tant que les conditions restent remplies."
            ),
            _(
                "Faites la demande en ligne, entre le 120e et le 60e jour avant la fin de "
                "votre carte."
            ),
            _("Elle ne devient pas une carte pluriannuelle."),
            _(
                "Le préfet peut retirer la carte si vous reprenez contact de vous-même avec "
                "les auteurs, si la justice juge la plainte ou le témoignage mensonger ou non "
                "fondé, ou si vous devenez une menace pour l'ordre public."
            ),
            _("Avant un retrait, vous pouvez présenter vos observations."),
        ),
        gives=(
            ("work", _("Oui.")),
            ("allowance", _("L'ADA, aux mêmes conditions.")),
            ("health", _("Protection universelle maladie (PUMa).")),
        ),
        basis=(
            Basis("CESEDA L425-1 al. 2", "R-RENEW-01"),
            Basis("CESEDA R431-5", "R-RENEW-03"),
            Basis("CESEDA L433-5", "R-CST-10"),
            Basis("CESEDA R425-6, L432-4", "R-WITHDRAW-01"),
        ),
    ),
    Step(
        slug="carte-de-resident",
        title=_("La carte de résident (10 ans)"),
        summary=_(
            "Quand l'auteur des faits est condamné de façon définitive, vous obtenez une "
            "carte de 10 ans."
        ),
        points=(
            _(
                "Quand la personne que vous avez dénoncée est condamnée de façon définitive, "
                "vous obtenez de plein droit une carte de résident valable 10 ans."
            ),
            _("« Définitive » veut dire qu'aucun recours n'est plus possible (appel, cassation)."),
            _(
                "Il n'y a pas de condition d'intégration. Pour une demande faite depuis le 1er "
                "janvier 2026, l'effet des nouvelles conditions de langue n'est pas encore établi."
            ),
            _(
                "Depuis le 1er mai 2021, il faut être en séjour régulier : gardez votre carte "
                "de séjour à jour."
            ),
            _(
                "Elle est renouvelable. Depuis le 28 janvier 2024, le renouvellement suppose "
                "de vivre habituellement en France et de ne pas être une menace grave pour "
                "l'ordre public."
            ),
        ),
        gives=(
            ("work", _("Oui.")),
            ("removal", _("Séjour régulier pendant 10 ans.")),
        ),
        basis=(
            Basis("CESEDA L425-3", "R-RESIDENT-01"),
            Basis("circulaire du 5 février 2009, § 3.2", "R-RESIDENT-02"),
            Basis("CESEDA L433-2, L432-3", "R-RESIDENT-03"),
            Basis("CESEDA L413-7", "R-RESIDENT-04"),
        ),
    ),
    Step(
        slug="sans-condamnation",
        title=_("Si la procédure se termine sans condamnation"),
        summary=_("Le préfet examine alors votre situation sur un autre fondement."),
        points=(
            _(
                "La procédure peut se terminer sans condamnation : relaxe ou acquittement, "
                "classement sans suite, non-lieu."
            ),
            _("La carte n'est alors plus renouvelée sur le fondement des victimes qui coopèrent."),
            _(
                "Le préfet examine votre situation sur un autre fondement : la vie privée et "
                "familiale (article L423-23) ou l'admission exceptionnelle au séjour (article "
                "L435-1). Il décide au cas par cas."
            ),
            _(
                "La circulaire de 2009 demande un examen favorable, sauf si la réalité des "
                "faits est remise en cause."
            ),
            _(
                "Une condamnation pour une infraction mineure liée à l'exploitation n'empêche "
                "pas à elle seule de garder le droit au séjour. Le racolage n'est plus une "
                "infraction depuis le 15 avril 2016."
            ),
        ),
        gives=(("work", _("Selon le titre de séjour obtenu.")),),
        basis=(
            Basis("CESEDA L425-1 al. 2", "R-RENEW-02"),
            Basis("CESEDA L423-23, L435-1", "R-NOCONV-01"),
            Basis("circulaire du 5 février 2009, § 4.1", "R-VICTIMCONV-01"),
            Basis("loi n° 2016-444", "R-VICTIMCONV-02"),
        ),
    ),
    Step(
        slug="mineurs",
        title=_("Les personnes mineures"),
        summary=_("Avant 18 ans, les règles protègent davantage."),
        points=(
            _("Avant 18 ans, vous n'avez pas besoin de titre de séjour."),
            _(
                "Une personne mineure ne peut pas recevoir d'obligation de quitter le "
                "territoire français."
            ),
            _("Quand la victime est mineure, le procureur de la République est informé."),
            _(
                "Si votre âge n'est pas établi et que vous dites avoir moins de 18 ans, vous "
                "êtes traitée comme une personne mineure jusqu'à ce que votre âge soit établi."
            ),
            _(
                "À 16 ou 17 ans, si vous voulez travailler ou suivre une formation "
                "professionnelle, vous pouvez demander la carte de séjour temporaire. Le "
                "préfet décide."
            ),
            _(
                "Si vous avez été reconnue victime avant 18 ans, vous pouvez obtenir un titre "
                "de séjour à 18 ans. Faites la demande au plus tard deux mois après vos 18 ans."
            ),
        ),
        gives=(
            ("removal", _("Pas d'obligation de quitter le territoire avant 18 ans.")),
            ("work", _("À partir de 16 ans, avec la carte de séjour.")),
        ),
        basis=(
            Basis("CESEDA L421-35", "R-MINOR-01"),
            Basis("CESEDA R425-5", "R-MINOR-02"),
            Basis("CESEDA L611-3 1°", "R-MINOR-03"),
            Basis("CESEDA R431-5 3°", "R-MINOR-04"),
            Basis("CESEDA R425-10", "R-INFO-03"),
        ),
    ),
    Step(
        slug="union-europeenne",
        title=_("Les citoyens de l'Union européenne"),
        summary=_("Ces règles ne concernent pas les citoyens européens."),
        points=(
            _(
                "Ces règles concernent les personnes qui ne sont pas citoyennes de l'Union "
                "européenne, de l'Espace économique européen ou de la Suisse."
            ),
            _(
                "Si vous êtes citoyenne de l'un de ces pays, ou membre de la famille d'un "
                "citoyen qui vit en France, votre séjour relève des règles de libre circulation "
                "de l'Union européenne."
            ),
            _(
                "Le délai de réflexion, la carte de séjour temporaire et la carte de résident "
                "prévus pour les victimes ne vous concernent pas."
            ),
            _(
                "Vous pouvez toujours porter plainte. Une association peut vous informer de "
                "vos droits de victime."
            ),
            _(
                "Depuis le 1er janvier 2021, ces règles concernent les Britanniques, sauf ceux "
                "qui bénéficient de l'accord de retrait du Royaume-Uni."
            ),
        ),
        gives=(),
        basis=(
            Basis("CESEDA L425-1", "R-SCOPE-01"),
            Basis("CESEDA L200-1 à L200-5", "R-SCOPE-02"),
        ),
    ),
    Step(
        slug="sans-plainte",
        title=_("Si vous ne pouvez pas porter plainte ni témoigner"),
        summary=_("D'autres possibilités existent, mais le préfet décide."),
        points=(
            _(
                "Vous avez peut-être peur pour vous ou pour votre famille. Vous n'êtes pas "
                "obligée de porter plainte."
            ),
            _(
                "Sans plainte ni témoignage, la carte de séjour des victimes qui coopèrent "
                "n'est pas possible."
            ),
            _(
                "Le préfet peut quand même vous admettre au séjour à titre exceptionnel "
                "(article L435-1). Il tient compte de la peur de représailles et de vos efforts "
                "d'insertion : cours de français, formation, travail."
            ),
            _(
                "Si vous avez arrêté la prostitution et que le préfet a autorisé votre parcours "
                "de sortie de la prostitution, il peut vous donner une autorisation provisoire "
                "de séjour (APS) d'au moins 6 mois, sans plainte. Elle vous autorise à "
                "travailler."
            ),
        ),
        gives=(("work", _("Oui, avec l'autorisation provisoire de séjour.")),),
        basis=(
            Basis("CESEDA L435-1", "R-NONCOOP-01"),
            Basis("CESEDA L425-4", "R-NONCOOP-02"),
        ),
    ),
)


# ------------------------------------------------------------------------ who can help


@dataclass(frozen=True)
class Helper:
    """Someone who can help, described (no phone number: the specification gives none)."""

    slug: str
    name: Promise
    text: Promise
    rule: str


HELPERS: tuple[Helper, ...] = (
    Helper(
        "ac-se",
        _("Le dispositif national Ac-Sé"),
        _(
            "Il accueille en sécurité les victimes de traite qui doivent quitter leur région "
            "pour se protéger. Il travaille avec des associations et des centres "
            "d'hébergement. La police, la gendarmerie, une association ou la préfecture peut "
            "vous orienter vers lui."
        ),
        "R-SOCIAL-03",
    ),
    Helper(
        "associations",
        _("Les associations"),
        _(
            "Des associations agréées vous informent de vos droits et vous accompagnent dans "
            "vos démarches. La préfecture travaille avec elles."
        ),
        "R-SOCIAL-06",
    ),
    Helper(
        "police",
        _("La police et la gendarmerie"),
        _(
            "Elles seules peuvent vous reconnaître comme victime et prévenir la préfecture. "
            "Si vous êtes en danger, vous pouvez avoir une protection policière."
        ),
        "R-SOCIAL-05",
    ),
    Helper(
        "prefecture",
        _("La préfecture"),
        _(
            "Un agent désigné reçoit les victimes dans un lieu d'accueil confidentiel. Il "
            "délivre le récépissé et les cartes de séjour."
        ),
        "R-ADMIN-02",
    ),
)


# ------------------------------------------------------------------------ glossary


@dataclass(frozen=True)
class Term:
    """A legal word, as the person will hear it in French, explained."""

    slug: str
    french: str  # the word as said in France: shown as is in every language
    term: Promise
    definition: Promise


GLOSSARY: tuple[Term, ...] = (
    Term(
        "recepisse",
        "récépissé",
        _("Récépissé"),
        _(
            "Document remis par la préfecture. Le récépissé de délai de réflexion dure 30 "
            "jours. Le récépissé de demande de titre de séjour prouve que votre demande est "
            "examinée. Les deux vous autorisent à travailler."
        ),
    ),
    Term(
        "delai-de-reflexion",
        "délai de réflexion",
        _("Délai de réflexion"),
        _(
            "Période de 30 jours pour décider si vous portez plainte ou témoignez. Pendant ce "
            "délai, aucune mesure d'éloignement ne peut être prise contre vous et vous pouvez "
            "travailler."
        ),
    ),
    Term(
        "carte-de-sejour-temporaire",
        "carte de séjour temporaire « vie privée et familiale »",
        _("Carte de séjour temporaire (CST)"),
        _(
            "Titre de séjour d'un an pour les victimes qui portent plainte ou témoignent. Elle "
            "est renouvelée pendant toute la procédure pénale."
        ),
    ),
    Term(
        "carte-de-resident",
        "carte de résident",
        _("Carte de résident"),
        _("Titre de séjour de 10 ans, quand l'auteur des faits est condamné de façon définitive."),
    ),
    Term(
        "plainte",
        "plainte",
        _("Plainte"),
        _(
            "Déclaration à la police, à la gendarmerie ou au procureur de la République pour "
            "dénoncer une infraction commise contre vous."
        ),
    ),
    Term(
        "temoignage",
        "témoignage",
        _("Témoignage"),
        _("Déclaration faite comme témoin dans une procédure pénale."),
    ),
    Term(
        "oqtf",
        "OQTF (obligation de quitter le territoire français)",
        _("OQTF"),
        _(
            "Décision du préfet qui demande à une personne étrangère de quitter la France. "
            "Elle ne peut être ni prise ni exécutée pendant le délai de réflexion, ni contre "
            "une personne mineure."
        ),
    ),
    Term(
        "aps",
        "APS (autorisation provisoire de séjour)",
        _("APS"),
        _(
            "Document de séjour de courte durée. Une APS d'au moins 6 mois existe pour les "
            "personnes engagées dans un parcours de sortie de la prostitution."
        ),
    ),
    Term(
        "prefecture",
        "préfecture",
        _("Préfecture"),
        _(
            "Administration de l'État dans le département. Elle délivre les titres de séjour. "
            "Un agent y est désigné pour les victimes de traite."
        ),
    ),
    Term(
        "traite",
        "traite des êtres humains",
        _("Traite des êtres humains"),
        _(
            "Recruter, transporter, héberger ou accueillir une personne pour l'exploiter : "
            "exploitation sexuelle, travail ou services forcés, servitude, mendicité forcée, "
            "obligation de commettre des délits… (code pénal, article 225-4-1)."
        ),
    ),
    Term(
        "proxenetisme",
        "proxénétisme",
        _("Proxénétisme"),
        _(
            "Aider ou protéger la prostitution d'une autre personne, en tirer profit, ou "
            "pousser quelqu'un à se prostituer (code pénal, article 225-5)."
        ),
    ),
    Term(
        "procedure-penale",
        "procédure pénale",
        _("Procédure pénale"),
        _(
            "Toutes les étapes de l'affaire devant la police et la justice : enquête, "
            "poursuites, jugement, appel, cassation."
        ),
    ),
    Term(
        "condamnation-definitive",
        "condamnation définitive",
        _("Condamnation définitive"),
        _("Condamnation contre laquelle aucun recours n'est plus possible."),
    ),
    Term(
        "sans-condamnation",
        "relaxe, acquittement, classement sans suite, non-lieu",
        _("Fin sans condamnation"),
        _(
            "La procédure se termine sans condamnation : le tribunal relaxe ou acquitte, le "
            "procureur classe l'affaire sans suite, ou le juge prononce un non-lieu."
        ),
    ),
    Term(
        "ordre-public",
        "menace pour l'ordre public",
        _("Menace pour l'ordre public"),
        _(
            "Danger pour la sécurité publique, apprécié par la préfecture. Une menace pour "
            "l'ordre public empêche d'obtenir la carte de séjour."
        ),
    ),
    Term(
        "contrat-republique",
        "contrat d'engagement à respecter les principes de la République",
        _("Contrat d'engagement républicain"),
        _(
            "Document par lequel vous vous engagez à respecter les principes de la "
            "République. Il est demandé pour les demandes de titre de séjour déposées depuis "
            "le 17 juillet 2024."
        ),
    ),
    Term(
        "ada",
        "ADA (allocation pour demandeur d'asile)",
        _("ADA"),
        _(
            "Allocation versée aux titulaires de la carte de séjour des victimes qui "
            "coopèrent, à partir de 18 ans, si leurs ressources sont inférieures au RSA."
        ),
    ),
    Term(
        "ame",
        "AME (aide médicale de l'État)",
        _("AME"),
        _("Couverture santé pendant le délai de réflexion."),
    ),
    Term(
        "puma",
        "PUMa (protection universelle maladie)",
        _("PUMa"),
        _("Assurance maladie des titulaires de la carte de séjour temporaire."),
    ),
    Term(
        "ac-se",
        "Ac-Sé",
        _("Ac-Sé"),
        _(
            "Dispositif national d'accueil sécurisé des victimes de traite, loin du lieu "
            "d'exploitation, quand leur sécurité l'exige."
        ),
    ),
    Term(
        "aide-juridictionnelle",
        "aide juridictionnelle",
        _("Aide juridictionnelle"),
        _("L'État paie tout ou partie des frais d'avocat et de justice, selon vos ressources."),
    ),
    Term(
        "civi",
        "CIVI (commission d'indemnisation des victimes d'infractions)",
        _("CIVI"),
        _("Commission qui peut vous indemniser pour le préjudice subi."),
    ),
    Term(
        "ceseda",
        "CESEDA",
        _("CESEDA"),
        _(
            "Code de l'entrée et du séjour des étrangers et du droit d'asile : le code qui "
            "contient ces règles."
        ),
    ),
    Term(
        "circulaire-2009",
        "circulaire du 5 février 2009",
        _("Circulaire du 5 février 2009"),
        _("Instruction du ministre aux préfets sur l'accueil des victimes de traite."),
    ),
    Term(
        "ofii",
        "OFII",
        _("OFII"),
        _(
            "Office français de l'immigration et de l'intégration. Il peut proposer une aide "
            "au retour si vous souhaitez rentrer dans votre pays."
        ),
    ),
    Term(
        "anef",
        "ANEF",
        _("ANEF"),
        _("Service en ligne de l'État pour les demandes de titre de séjour."),
    ),
    Term(
        "de-plein-droit",
        "de plein droit",
        _("De plein droit"),
        _("La préfecture doit délivrer le document quand les conditions sont remplies."),
    ),
    Term(
        "pouvoir-appreciation",
        "pouvoir d'appréciation du préfet",
        _("Pouvoir d'appréciation"),
        _("Le préfet décide au cas par cas. Un refus doit être motivé par écrit."),
    ),
)


# ------------------------------------------------------------------------ the self-check

#: The facts the self-check may ask, each with the widget that asks it and its tier.
#: The engine says which of them are still useful and in which order
#: (``law.questions.next_questions``); the tier puts first what a person asking "am I
#: concerned?" needs first (who the rules are for, then cooperation and age, then the
#: procedure, then the rest). The other facts of the vocabulary are established by the
#: police, the courts or the prefecture, never asked here (see ``ASSUMPTIONS``).
SELF_CHECK_FACTS: dict[str, tuple[str, int]] = {
    "nationality": ("country", 0),
    "is_eu_family_member_in_france": ("yes_no", 0),
    "is_withdrawal_agreement_beneficiary": ("yes_no", 0),
    "complaint": ("complaint", 1),
    "testimony": ("testimony", 1),
    "date_of_birth": ("date", 1),
    "declared_minor": ("yes_no", 1),
    "police_hearing_date": ("event_date", 1),
    "ties_with_perpetrators_broken": ("yes_no", 2),
    "current_document": ("document", 2),
    "criminal_procedure_status": ("choice", 2),
    "definitive_conviction_date": ("event_date", 2),
    "removal_decision": ("removal", 2),
    "reflection_recepisse_delivery_date": ("event_date", 2),
    "reflection_requested": ("yes_no", 2),
    "information_given_date": ("event_date", 2),
    "police_referral_to_prefecture": ("yes_no", 2),
    "wishes_to_work_or_train": ("yes_no", 3),
    "recognised_victim_as_minor": ("yes_no", 3),
    "information_language_understood": ("yes_no", 3),
    "photo_provided": ("yes_no", 3),
    "previous_reflection_period_for_same_facts": ("yes_no", 3),
    "prostitution_exit_path_authorised_date": ("event_date", 3),
    "ceased_prostitution": ("yes_no", 3),
    "monthly_resources_eur": ("number", 3),
    "habitual_residence_in_france": ("yes_no", 3),
    "fear_of_reprisals": ("yes_no", 3),
}
#: At most this many questions, then the result.
MAX_QUESTIONS = 12


@dataclass(frozen=True)
class Assumption:
    """A fact the authorities establish, assumed in the person's favour for the result.

    The result never hides it: every right that rests on it lists the sentence.
    """

    value: Any
    sentence: Promise


L432_1_1_SENTENCE = _(
    "le préfet ne vous oppose aucun des motifs de refus prévus depuis 2024 : ancienne "
    "obligation de quitter la France non respectée, usage de faux documents (si le réseau "
    "vous les a imposés, dites-le), faits graves commis par vous-même, violences contre un "
    "agent public"
)

#: Facts only the police, the courts or the prefecture establish. The self-check does not
#: ask them; the result is given "if the checks confirm" each of these sentences.
ASSUMPTIONS: dict[str, Assumption] = {
    "public_order_threat": Assumption(
        "none",
        _("la préfecture ne considère pas votre présence comme une menace pour l'ordre public"),
    ),
    "applicant_role": Assumption("victim", _("vous êtes la victime des faits dénoncés")),
    "judicial_confirmation_procedure_opened": Assumption(
        True,
        _(
            "si votre plainte est « contre X », la justice confirme qu'une procédure pénale y "
            "fait suite"
        ),
    ),
    "facts_exclusively_abroad_by_foreigners": Assumption(
        False,
        _(
            "la justice française est compétente pour les faits (ils n'ont pas eu lieu "
            "uniquement à l'étranger entre personnes étrangères)"
        ),
    ),
    "complaint_found_false_or_unfounded": Assumption(
        False, _("la justice ne juge pas votre plainte ou votre témoignage mensonger ou non fondé")
    ),
    "cooperation_ceased": Assumption(
        False, _("vous continuez à répondre aux demandes de la police et de la justice")
    ),
    "reality_of_facts_questioned": Assumption(
        False, _("la justice ne remet pas en cause la réalité des faits")
    ),
    "convicted_offences_of_accused": Assumption(
        frozenset({"225-4-1"}),
        _("si l'auteur est condamné, c'est pour des faits de traite ou de proxénétisme"),
    ),
    "ties_renewed_on_own_initiative_date": Assumption(
        "none", _("vous n'avez pas repris contact de vous-même avec les auteurs")
    ),
    "reflection_interruption_decision_date": Assumption(
        "none", _("le préfet n'a pas interrompu votre délai de réflexion")
    ),
    # The four refusal grounds of L432-1-1 (2024) share one sentence: each only allows a
    # reasoned refusal, and the person is told about them together.
    **{
        name: Assumption(False, L432_1_1_SENTENCE)
        for name in (
            "oqtf_previously_not_complied",
            "facts_forgery_441",
            "facts_l432_1_1_serious_offences",
            "facts_violence_against_officials",
        )
    },
    "judicial_itf_in_force": Assumption(
        False, _("aucun tribunal ne vous a interdit le territoire français")
    ),
    "victim_convictions": Assumption(
        (), _("vous n'avez pas fait l'objet d'une condamnation pénale")
    ),
    "alleged_offence_acts": Assumption(
        (), _("la police ne vous reproche pas de faits non encore jugés")
    ),
    "contrat_republique_breach": Assumption(
        False,
        _("vous respectez le contrat d'engagement à respecter les principes de la République"),
    ),
    "contrat_republique_signed": Assumption(
        True,
        _(
            "vous signez le contrat d'engagement à respecter les principes de la République "
            "avec votre demande"
        ),
    ),
    "polygamy": Assumption(False, _("vous ne vivez pas en France en situation de polygamie")),
    "agent_has_doubts_on_reinsertion": Assumption(
        False, _("l'agent n'a pas de doute sur votre insertion")
    ),
    "police_reasonable_grounds": Assumption(
        True, _("la police avait des raisons de penser que vous êtes victime")
    ),
}
#: Rules about the office's own formalities, left out of the person's result.
RESULT_HIDDEN_RULES = frozenset({"R-CST-11", "R-ADMIN-01"})
#: The application is assumed filed on the day of the self-check ("if you apply today").
APPLICATION_SENTENCE = _("vous déposez votre demande aujourd'hui")


# ------------------------------------------------------------------------ the result

#: How the result speaks of an outcome status (legal-spec §0), in plain words.
STATUS_PHRASES: dict[str, Promise] = {
    "DE_PLEIN_DROIT": _("Oui, vous y avez droit."),
    "DISCRETIONNAIRE": _("C'est possible : le préfet décide au cas par cas."),
    "NON_REMPLI": _("Pas pour l'instant : une condition n'est pas remplie."),
    "EXCLU": _("Non : la loi l'exclut dans votre situation."),
    "NON_APPLICABLE": _("Cela ne vous concerne pas."),
    "INDETERMINE": _("On ne peut pas encore le dire."),
}

#: Phrases for the statuses that are not outcome statuses, by object.
OBJECT_PHRASES: dict[tuple[str, str], Promise] = {
    ("scope", "IN_SCOPE"): _("Ces règles peuvent s'appliquer à vous."),
    ("scope", "NON_APPLICABLE"): _(
        "Ces règles ne s'appliquent pas à vous : votre séjour relève des règles de libre "
        "circulation de l'Union européenne."
    ),
    ("scope", "SPECIAL_REGIME_BG_RO"): _("Un régime particulier s'applique à vous."),
    ("reflection", "ACTIVE"): _("Votre délai de réflexion est en cours."),
    ("reflection", "NOT_STARTED"): _("Votre délai de réflexion n'a pas encore commencé."),
    ("reflection", "NOT_REQUESTED"): _("Vous n'avez pas demandé de délai de réflexion."),
    ("reflection", "ENDED_BY_COOPERATION"): _(
        "Votre délai de réflexion s'est terminé avec votre plainte ou votre témoignage."
    ),
    ("reflection", "INTERRUPTED"): _("Le préfet a interrompu votre délai de réflexion."),
    ("reflection", "EXPIRED"): _("Votre délai de réflexion est terminé."),
    ("removal_protection", "PROTECTED"): _("Vous êtes protégée contre l'éloignement."),
    ("removal_protection", "NOT_PROTECTED"): _(
        "Ni le délai de réflexion ni la minorité ne vous protègent aujourd'hui contre une "
        "mesure d'éloignement."
    ),
    ("allowance", "ELIGIBLE"): _("Oui, vous pouvez recevoir l'allocation."),
    ("allowance", "ELIGIBLE_TO_APPLY"): _("Vous pouvez demander l'allocation."),
    ("allowance", "NOT_ELIGIBLE"): _("Non, pas dans votre situation."),
    ("health", "PROTECTION_SOCIALE"): _("Vous relevez de l'assurance maladie (PUMa)."),
    ("health", "AME"): _("Vous avez droit à l'aide médicale de l'État (AME)."),
    ("health", "NONE"): _(
        "Avec le délai de réflexion, vous aurez l'AME ; avec la carte de séjour, l'assurance "
        "maladie (PUMa)."
    ),
    ("work", "YES"): _("Oui, vous pouvez travailler."),
    ("work", "UNKNOWN"): _(
        "Cela dépend du document que vous aurez : le récépissé de réflexion, le récépissé de "
        "demande et la carte de séjour vous autorisent à travailler."
    ),
}

#: The cards of the result, in the order of the procedure: object key and its heading.
RESULT_CARDS: tuple[tuple[str, Promise], ...] = (
    ("scope", _("Les règles pour les victimes vous concernent-elles ?")),
    ("reflection_recepisse", _("Le délai de réflexion (30 jours)")),
    ("removal_protection", _("La protection contre l'éloignement")),
    ("cst", _("La carte de séjour temporaire (1 an)")),
    ("cst_renewal", _("Le renouvellement de votre carte")),
    ("carte_resident", _("La carte de résident (10 ans)")),
    ("aps", _("L'autorisation provisoire de séjour (parcours de sortie de la prostitution)")),
    ("work", _("Travailler")),
    ("allowance", _("L'allocation (ADA)")),
    ("health", _("La couverture santé")),
)

#: Alternatives examined by the prefect (legal-spec R-NOCONV-01, R-NONCOOP-01).
ALTERNATIVES_HEADING = _("Les autres possibilités de séjour")
ALTERNATIVES_FAVOURABLE = _("Les instructions du ministère demandent un examen favorable.")
ALTERNATIVE_PHRASES: dict[str, Promise] = {
    "L423-23": _("un titre de séjour « vie privée et familiale » (article L423-23)"),
    "L435-1": _("une admission exceptionnelle au séjour (article L435-1)"),
    "L313-11 7°": _("un titre de séjour « vie privée et familiale » (article L313-11 7°)"),
    "L313-14": _("une admission exceptionnelle au séjour (article L313-14)"),
}

#: The next steps, each shown when the result calls for it (``selfcheck.next_steps``).
NEXT_STEPS: dict[str, Promise] = {
    "eu": _(
        "Vous pouvez porter plainte. Une association peut vous expliquer vos droits de "
        "victime et de séjour en tant que citoyenne européenne."
    ),
    "police": _(
        "Parlez à la police ou à la gendarmerie. Une association peut vous y accompagner. "
        "Elles seules peuvent prévenir la préfecture."
    ),
    "reflection": _(
        "Si vous avez besoin de temps, demandez le délai de réflexion de 30 jours à la police "
        "ou à la gendarmerie. La préfecture vous remet le récépissé le jour même."
    ),
    "cooperate": _(
        "Pour la carte de séjour, il faut porter plainte ou témoigner. Vous pouvez le faire "
        "quand vous êtes prête, avec une association ou un avocat."
    ),
    "apply_cst": _(
        "Demandez la carte de séjour temporaire à la préfecture avec les documents de la "
        "liste ci-dessous. Gardez le récépissé qu'elle vous remet."
    ),
    "renew": _(
        "Demandez le renouvellement en ligne entre le 120e et le 60e jour avant la fin de "
        "votre carte."
    ),
    "resident": _(
        "La condamnation est définitive : demandez la carte de résident à la préfecture, "
        "avant la fin de votre carte actuelle."
    ),
    "minor_at_18": _(
        "Demandez votre titre de séjour au plus tard le %(date)s, c'est-à-dire dans les deux "
        "mois après vos 18 ans."
    ),
    "no_cooperation": _(
        "Sans plainte ni témoignage, demandez à une association de vous aider à présenter une "
        "demande d'admission exceptionnelle au séjour (article L435-1)."
    ),
    "removal": _(
        "Vous avez reçu une décision d'éloignement : montrez-la tout de suite à une "
        "association ou à un avocat. Les délais de recours sont courts."
    ),
    "unknown": _(
        "Certaines réponses manquent. Une association peut vous aider à les trouver, puis "
        "vous pourrez refaire ce test."
    ),
    "keep": _(
        "Gardez vos papiers en lieu sûr : récépissés, preuve de la plainte, décisions de la "
        "préfecture. Ne donnez jamais le contenu de votre dossier pénal : la préfecture n'en "
        "a pas besoin."
    ),
}

#: Items of the checklist that do not come from the determination's documents.
CHECKLIST_EXTRA: dict[str, Promise] = {
    "police_referral": _(
        "Le signalement de la police ou de la gendarmerie (la police l'envoie à la préfecture)"
    ),
    "contract": _(
        "Le contrat d'engagement à respecter les principes de la République (la préfecture "
        "vous le donne à signer)"
    ),
    "current_document": _("Votre document de séjour actuel (récépissé ou carte)"),
    "removal_decision": _("La décision d'éloignement que vous avez reçue, s'il y en a une"),
}
