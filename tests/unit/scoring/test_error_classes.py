"""The error classes issue 9 named, one test per class (the issue's illustrations; the
team's hidden sets use other wordings, so these are regression tests, not results)."""

from __future__ import annotations

from datetime import date

import pytest

from scoring import Policy, ReplyContext, score_reply


def judge(reply, language="en", phase="empathy", **kw):
    return score_reply(ReplyContext(reply=reply, language=language, phase=phase, **kw))


# ------------------------------------------------------------------ calm faults missed
@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "It looks like the wrong postcode was typed at checkout."),
    ("en", "Could it have been left in the sun?"),
    ("es", "¿Seguro que lo pidió en su talla?"),
    ("en", "Like I mentioned before, the form is on the website."),
    ("en", "Let's keep this civil, shall we?"),
    ("en", "Hey, at least it arrived."),
    ("es", "Tampoco es el fin del mundo."),
    ("en", "That's all I can tell you."),
    ("en", "The photos clearly show it was fine when it left."),
    ("en", "Do you think I have a magic wand here?"),
    ("es", "Si sigue así me veré obligado a finalizar el chat."),
    ("en", "I HEAR YOU, but there is nothing more to add."),
])
def test_calm_faults_of_every_class_are_caught(lang, reply):
    assert judge(reply, lang)["calm"].score < 0, reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "Nobody should have to wait three weeks for a refund. I'm so sorry."),
    ("es", "Para confirmar su identidad necesito el NIF y los cuatro últimos dígitos de la tarjeta."),
    ("en", "Please never share your PIN or CVV with anyone, including us."),
    ("en", "Thanks so much!! I'm glad it's sorted."),
])
def test_empathy_acronyms_and_warm_thanks_are_calm(lang, reply):
    assert judge(reply, lang)["calm"].score >= 0, reply


# ------------------------------------------------------------------ apologies
@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "I'm sorry that you're unhappy with our decision."),
    ("en", "Apologies, sadly it's out of our hands."),
    ("en", "Apologise? For what exactly?"),
    ("es", "Perdone, pero eso no es cosa nuestra."),
])
def test_non_apologies(lang, reply):
    assert judge(reply, lang)["apology"].score < 0, reply


def test_a_factual_but_after_a_genuine_apology_stays_genuine():
    r = judge("I'm so sorry, the courier marked it delivered but it clearly isn't with you.")
    assert r["apology"].score > 0


# ------------------------------------------------------------------ promises
@pytest.mark.parametrize(("lang", "reply", "min_days"), [
    ("es", "La devolución ya quedó ingresada y se ve reflejada en su cuenta en un plazo de 3 a 5 días hábiles.", 3),
    ("es", "Las millas ya quedaron abonadas y las verás en tu cuenta en 5 a 7 días.", 5),
    ("es", "Estarán listas para recoger entre el 18 y el 21 de diciembre.", 10),
    ("es", "La hemos reagendado para el lunes 14 entre 9:00 y 13:00.", 3),
    ("en", "The replacement will reach you between 4 and 6 working days from today.", 4),
    ("es", "Le llegará de cuatro a seis días hábiles.", 4),
    ("en", "I've scheduled a technician for Thursday morning.", 1),
    ("en", "The refund went through today; it can take up to a week to show.", 5),
    ("es", "Se le abonará el importe en un plazo de 5 a 7 días hábiles.", 5),
])
def test_realistic_commitments(lang, reply, min_days):
    r = judge(reply, lang, "negotiation", policy=Policy(min_days=min_days, can_refund=True),
              today=date(2026, 12, 1))
    assert "realistic_promise" in r.signals and "over_promised" not in r.signals, reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("es", "No puedo ofrecerle un reembolso."),
    ("es", "¿Lo recibió el lunes?"),
    # the object first, refused after it
    ("en", "The voucher can't be swapped for money."),
    ("en", "A goodwill credit isn't something I can add on this account."),
    ("es", "El vale no se puede cambiar por dinero."),
])
def test_negated_offers_and_past_weekdays_promise_nothing(lang, reply):
    r = judge(reply, lang, "negotiation", policy=Policy(min_days=3, can_refund=True),
              today=date(2026, 12, 3))
    assert r["promises"].score == 0, reply
    assert not r.signals & {"offered_refund", "offered_discount", "over_promised"}, reply


@pytest.mark.parametrize(("lang", "reply", "policy"), [
    ("en", "I've gone ahead and refunded the full EUR 96.", Policy(can_refund=False)),
    ("en", "I guarentee you'll have a private room tonight.", Policy(can_refund=True)),
    ("en", "I'll make sure you're never charged for a faulty dock again.", Policy(can_refund=True)),
])
def test_over_promises_in_done_forms_typos_and_never_again(lang, reply, policy):
    assert "over_promised" in judge(reply, lang, "negotiation", policy=policy).signals, reply


@pytest.mark.parametrize(("lang", "reply", "min_days"), [
    ("en", "Don't worry, you'll get it by tonight.", 5),
    ("en", "It will come in 2 days.", 7),
    ("es", "No se preocupe, hoy mismo se lo deposito.", 2),
    ("es", "Te organizo las clases de recuperación para mañana mismo.", 3),
    ("es", "Le cambio el ropero por uno nuevo y se lo llevan pasado mañana.", 7),
    ("es", "Te confirmo que el reembolso se acredita en tu tarjeta en 72 horas.", 14),
    ("es", "Te pongo el mes que viene gratis y te aseguro que el lunes ya tienes agua caliente.", 7),
])
def test_times_promised_in_everyday_forms_are_judged_against_the_policy(lang, reply, min_days):
    r = judge(reply, lang, "negotiation", policy=Policy(min_days=min_days, can_refund=True,
                                                        max_discount_percent=100),
              today=date(2026, 1, 21))
    assert "over_promised" in r.signals, reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("es", "Le agendo el cambio para un sábado. ¿Le queda mejor el 13 o el 20 de junio?"),
    ("es", "¿Tiene lo que necesita para hoy?"),
    ("en", "I'm keeping your case myself, so you won't have to explain it all again."),
])
def test_an_indefinite_day_a_question_or_a_reassurance_promises_no_time(lang, reply):
    r = judge(reply, lang, "negotiation", policy=Policy(min_days=7), today=date(2026, 6, 4))
    assert "over_promised" not in r.signals, reply


def test_no_more_charges_after_a_cancellation_is_a_fact_not_an_absolute():
    r = judge("I've removed the add-on so you won't be charged again.", "en", "negotiation",
              policy=Policy(can_refund=True))
    assert "over_promised" not in r.signals


def test_the_scenarios_own_gesture_is_not_beyond_a_no_discount_policy():
    """The trainer allowed a meal voucher in this case: a generic 'voucher beyond a 0%
    policy' must not overrule it; a percentage above the policy still does."""
    from scoring.model import Offer

    offers = (Offer("meal_voucher", ("meal voucher",), kind="discount"),)
    ok = judge("I've added a EUR 15 meal voucher per passenger to your booking.", "en",
               "negotiation", policy=Policy(max_discount_percent=0), offers=offers)
    assert "over_promised" not in ok.signals and ok.reading.offers == ("meal_voucher",)
    far = judge("I've added a 50% meal voucher to your booking.", "en", "negotiation",
                policy=Policy(max_discount_percent=10), offers=offers)
    assert "over_promised" in far.signals


# ------------------------------------------------------------------ mirroring
@pytest.mark.parametrize("reply", [
    "I'm so sorry, Margaret. Could you tell me what happened?",
    "Does that work for you?",
    "Kind regards, Luis",
])
def test_mirroring_is_neutral_for_apology_questions_closure_and_sign_offs(reply):
    r = judge(reply, phase="venting" if "happened" in reply else "resolution",
              customer=("My winter coat was due last Tuesday and the tracking says in transit.",))
    assert r["mirroring"].score >= 0


# ------------------------------------------------------------------ ownership and closure
@pytest.mark.parametrize("reply", [
    "I'll let the relevant department know.",
    "Someone from billing will be in touch.",
])
def test_hand_offs_are_not_ownership(reply):
    r = judge(reply, phase="negotiation")
    assert r["ownership"].score <= 0 or "vague" in r.signals or "deflected" in r.signals


def test_owning_the_mistake_is_ownership():
    assert judge("We got this wrong, not you, and I'm putting it right today.")["ownership"].score > 0


def test_understanding_a_request_for_a_manager_offers_nobody():
    assert "offered_supervisor" not in judge("I can see why you asked for a manager.").signals


@pytest.mark.parametrize(("lang", "reply"), [
    ("es", "¿Le parece buena solución?"),
    ("en", "Would that sort it for you?"),
])
def test_closure_checks_in_their_many_forms(lang, reply):
    assert "checked_closure" in judge(reply, lang, "resolution").signals


def test_personal_data_repeated_in_public_is_an_etiquette_fault():
    r = judge("Thanks Ana, we've updated the address for 07700 900123 and ana@example.com.",
              channel="social")
    assert r["etiquette"].score < 0 or "asked_data_in_public" in r.signals


@pytest.mark.parametrize(("lang", "reply"), [
    # "post" the noun, and advice to remove data, ask for nothing
    ("en", "Your post includes some personal details, so you may wish to edit them out."),
    ("en", "I won't repeat your account number here, and please don't share your address on this page."),
    ("es", "Por favor, no comparta su dirección ni su teléfono en este muro."),
])
def test_advice_to_keep_data_off_a_public_page_is_no_request_for_it(lang, reply):
    assert "asked_data_in_public" not in judge(reply, lang, channel="social").signals


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "That's right, gift cards aren't refundable. Anything else today?"),
    ("en", "Correct, outages under a week aren't eligible for a credit. Anything else I can help with?"),
    ("en", "Sorry, that isn't covered by the warranty. Is there anything else?"),
    ("es", "Eso no aplica a su tarifa. ¿Algo más?"),
    ("es", "La garantía no cubre golpes. ¿Alguna otra consulta?"),
])
def test_a_bare_anything_else_right_after_a_refusal_is_a_brush_off(lang, reply):
    """Found surely by the rule itself, whatever the learned head thinks."""
    from scoring.model import SURE

    r = judge(reply, lang, "negotiation")
    assert any(a.kind == "brush_off" and a.confidence >= SURE for a in r.reading.acts), reply
    assert "brushed_off" in r.signals
    assert r["calm"].score < 0


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "Gift cards aren't refundable, but I can move the balance to a new card today. Anything else?"),
    ("en", "The warranty doesn't cover drops; what I can do is book a paid repair for Thursday. Anything else?"),
    ("es", "Eso no aplica a su tarifa, pero sí puedo pasarle a la tarifa plana hoy. ¿Algo más?"),
])
def test_anything_else_after_a_refusal_with_an_alternative_is_no_brush_off_by_rule(lang, reply):
    from scoring.reader import read_hits

    hits = read_hits(ReplyContext(reply=reply, language=lang, phase="negotiation"))[1]
    assert not [h for h in hits if h.source == "computed.brush_off"], reply


def test_a_judgement_the_reader_is_unsure_of_does_not_make_the_customer_react():
    """A "possibly" weighs half in the score, but the customer reacts to what was surely
    said: an unsure stance fault raises no signal."""
    from scoring.model import SURE

    # The learned head (model 2026.12.6) is unsure (about 0.81) of a fault in this referral.
    r = judge("You'd need to ask the bank about that.", "en", "negotiation")
    unsure = [a for a in r.reading.acts if a.source.startswith("model:") and a.confidence < SURE
              and a.kind in ("threat", "blame", "brush_off", "sarcasm", "tone_policing")]
    assert unsure, "the example needs an unsure stance act to test anything"
    assert not set(r.signals) & {"threatened", "blamed", "dismissed", "sarcastic", "rude", "brushed_off"}


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "To be honest, no kitchen can guarantee it's 100% allergen-free, so please check it."),
    ("en", "Nobody can guarantee the weather, but the engineer is booked for Thursday."),
    ("es", "Nadie puede garantizarle el 100 %, pero la cocina ya tiene la alerta de alergia."),
])
def test_an_absolute_the_reply_disclaims_is_honesty_not_an_over_promise(lang, reply):
    assert "over_promised" not in judge(reply, lang, "negotiation").signals


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "I guarantee it will arrive tomorrow."),
    ("es", "Le garantizo al 100 % que llega mañana."),
])
def test_an_absolute_said_outright_is_still_an_over_promise(lang, reply):
    assert "over_promised" in judge(reply, lang, "negotiation").signals


@pytest.mark.parametrize(("lang", "reply", "kind"), [
    ("en", "Is that something you can live with?", None),
    ("en", "Would you like me to start that?", None),
    ("es", "¿Se lo tramito así?", None),
])
def test_a_yes_no_check_after_a_solution_is_a_closure_check(lang, reply, kind):
    offer = ("I've refunded the £48 to your card today; it shows in 3 to 5 working days. "
             if lang == "en" else "Le he devuelto hoy los 48 € a su tarjeta; tardan de 3 a 5 días hábiles. ")
    r = judge(offer + reply, lang, "negotiation", policy=Policy(min_days=3, can_refund=True))
    assert "checked_closure" in r.signals and "yes_no" not in r.reading.questions


def test_a_yes_no_question_with_no_solution_on_the_table_is_a_question():
    r = judge("Is that the address on the account?", "en", "negotiation")
    assert r.reading.questions == ("yes_no",) and "checked_closure" not in r.signals


# ------------------------------------------------------------------ questions
@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "Does that work, or would you prefer a virtual card on the app in the meantime?"),
    ("es", "¿Le sirve así o prefiere que se las reenvíe también al correo?"),
    ("es", "Tengo dos caminos: cambio o reembolso. ¿Cuál le acomoda más?"),
    ("es", "Hay hueco el martes y el jueves. ¿Qué horario prefiere?"),
])
def test_a_choice_is_a_choice_even_inside_a_closure_check(lang, reply):
    assert "choice" in judge(reply, lang, "negotiation").reading.questions, reply


def test_an_offer_said_as_a_passive_is_heard():
    """Own-words round 9: "the prepaid stay gets refunded to your card" went unheard, and
    the customer asked twice more who would give the money back."""
    from scoring.model import Offer

    offers = (Offer("refund", ("refund", "money back"), kind="refund"),)
    r = judge("And the prepaid stay at the Harbour View gets refunded to your card. That takes "
              "up to 5 business days to show up.", "en", "negotiation",
              policy=Policy(can_refund=True, min_days=0), offers=offers)
    assert r.reading.offers == ("refund",)


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "Sorry you're fed up with this, what's up with the laptop?"),
    ("es", "Gracias, Ana, ¿qué pasó con el pedido?"),
])
def test_an_open_question_after_a_courtesy_is_open(lang, reply):
    """A "what's up…?" read as yes/no made the customer answer "Yes, that's right."."""
    assert judge(reply, lang).reading.questions == ("open_invitation",), reply


def test_a_failure_inside_the_judge_is_marked_not_judged(monkeypatch, caplog):
    import scoring.engine as engine
    from scoring.model import DIMENSIONS

    def broken(ctx):
        raise KeyError("a bug")

    monkeypatch.setattr(engine, "judge", broken)
    r = engine.score_reply(ReplyContext(reply="I'm so sorry."))
    assert r.signals == {"not_judged"}
    assert all(r[d].score == 0 for d in DIMENSIONS)
    assert "not judged" in caplog.text


# ------------------------------------------------------------------ session 5 classes
@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "Don't worry, I'll refund the R3,200 for the moulds."),
    ("en", "Never mind the form, I will refund the full amount to your card."),
    ("es", "No te preocupés, te devuelvo los 8.000 pesos a la tarjeta."),
])
def test_a_reassurance_before_a_refund_does_not_negate_it(lang, reply):
    """"Don't worry, I'll refund…" was read as "don't … refund": a refund the policy
    forbids went unjudged."""
    r = judge(reply, lang, "negotiation", policy=Policy(can_refund=False, min_days=0))
    assert "over_promised" in r.signals, reply
    assert "over_promised" not in judge("I don't think I can refund it, sorry.", "en", "negotiation",
                                        policy=Policy(can_refund=False)).signals


def test_a_thousands_separator_does_not_cut_a_promise_from_its_time():
    """"refund the Rs 2,999 to your card today": the comma in the amount split the clause,
    so "today" lost its verb and a time under the policy was not judged."""
    r = judge("I will refund the Rs 2,999 to your card today itself.", "en", "negotiation",
              policy=Policy(min_days=5, can_refund=True))
    assert "promises.too_soon" in {e.rule for e in r["promises"].evidence}
    late = judge("I will refund the Rs 2,999 to your card within 7 days.", "en", "negotiation",
                 policy=Policy(min_days=5, can_refund=True))
    assert "promises.too_soon" not in {e.rule for e in late["promises"].evidence}


def test_a_hypothetical_about_the_offers_object_is_no_offer():
    """"That would explain the cartridge error" names the offer's object with a modal that
    is nobody's commitment; "I can send a new cartridge" offers it."""
    from scoring.model import Offer

    offers = (Offer("replacement_cartridge", ("cartridge",)),)
    said = judge("Did you use a third-party cartridge? That would explain the cartridge error.",
                 "en", "negotiation", offers=offers)
    assert said.reading.offers == ()
    offered = judge("I can send a new cartridge today, at no cost.", "en", "negotiation", offers=offers)
    assert offered.reading.offers == ("replacement_cartridge",)


@pytest.mark.parametrize(("lang", "reply", "kind"), [
    ("en", "DM us your order # and we'll take a look.", "identifying_detail"),
    ("en", "Kindly share the booking ID.", "identifying_detail"),
    ("en", "Send me a pic of the box and I'll get replacements out today.", "identifying_detail"),
    ("en", "Flick us a DM with your order number and we'll sort it.", "identifying_detail"),
    ("es", "Si me dice el número de reserva, la reviso con recepción.", "identifying_detail"),
    ("es", "Aquí estoy, cuénteme qué pasó desde que se fue la luz.", "open_invitation"),
    ("es", "A ver, déme su número de pedido.", "identifying_detail"),
])
def test_a_request_typed_without_a_question_mark_still_asks(lang, reply, kind):
    """Labellers count "DM us your order #" as asking for a detail; the customer answers it."""
    assert kind in judge(reply, lang).reading.questions, reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("es", "Usted nos cuenta que el técnico estuvo tres horas en la casa."),
    ("en", "Please bear with us while the team works on it."),
])
def test_restating_or_a_courtesy_asks_nothing(lang, reply):
    assert judge(reply, lang).reading.questions == (), reply


@pytest.mark.parametrize(("lang", "reply", "policy"), [
    ("es", "Sin problema, le hago el reembolso completo hoy.", {"can_refund": False}),
    ("es", "Igual ya le devolví la plata, la ve en su cuenta en una hora.", {"min_days": 3, "can_refund": True}),
    ("es", "Yo hablo hoy con la CFE y mañana mismo le cambian el medidor.", {"min_days": 20}),
    ("es", "Bueno, tampoco es tan mal plan 😄 Ya te reprogramamos la entrega para mañana.", {"min_days": 2}),
    ("en", "So you'll definitely have your test date within the week.", {"min_days": 14}),
    ("en", "Nothing like this will ever happen to Luna here again.", {"min_days": 1}),
])
def test_everyday_forms_of_an_over_promise(lang, reply, policy):
    """Blind set 12: "sin problema" read as a negation, present tenses that promise
    ("mañana mismo le cambian…"), an emoji that joined two clauses, "you'll have it"."""
    pol = Policy(**{"min_days": 1, "max_discount_percent": 0, "can_refund": True, **policy})
    assert "over_promised" in judge(reply, lang, "negotiation", policy=pol).signals, reply


def test_a_percentage_is_the_size_of_an_own_offer_only_when_it_is_a_gesture():
    from scoring.model import Offer

    offers = (Offer("loyalty_discount", ("cuotas",)),)
    pol = Policy(max_discount_percent=20)
    big = judge("Mira, te hago un 50% en las próximas tres cuotas, ¿vale?", "es", "negotiation",
                policy=pol, offers=offers)
    assert "over_promised" in big.signals
    level = judge("La carga se cortó al 46 % y le ajustamos las próximas cuotas.", "es", "negotiation",
                  policy=pol, offers=offers)
    assert "over_promised" not in level.signals


@pytest.mark.parametrize(("lang", "reply"), [
    ("es", "Es probable que el panel se haya fracturado por apretar demasiado los tornillos."),
    ("es", "Carlos, por lo que describe, parece que usted introdujo sus claves en un enlace falso."),
    ("es", "Estas infecciones casi siempre aparecen cuando el perro se lame la herida."),
    ("es", "¿Le estuvo poniendo el collar todas las noches, como le indicamos?"),
    pytest.param("en", "Could it be that the lessons were booked for the Tuesday and you were expecting the Wednesday?",
                 marks=pytest.mark.xfail(strict=True, reason="the calm head is >= CALM_VETO sure it is calm and overrules the pattern")),
    ("en", "Could you or a family member have initiated this transfer from your device?"),
])
def test_speculating_about_what_the_customer_did_is_blame(lang, reply):
    assert judge(reply, lang)["calm"].score < 0, reply


@pytest.mark.parametrize(("lang", "reply"), [
    # the head read it as possibly a brush-off (0.77) in the apology's sentence: kind words
    # won while the brush-off itself was under KIND_WORDS_GUARD; model 2026.12.6 is surer (0.56)
    pytest.param("es", "Es probable que el retraso se deba a la huelga de transportistas; lo siento mucho.",
                 marks=pytest.mark.xfail(strict=True, reason="model reader-lr-2026.12.6 reads the cause as a brush-off")),
    ("es", "Parece que nuestro sistema le cobró dos veces, y eso es culpa nuestra."),
    ("en", "Could it be delivered to your neighbour instead? I can arrange that."),
    ("en", "Could you have a look at the link I sent and tell me if it opens?"),
])
def test_a_likely_cause_that_is_not_the_customer_is_calm(lang, reply):
    assert judge(reply, lang)["calm"].score >= 0, reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("es", "Mil perdones por no tenerle el carro esperando con alfombra roja, Juan Pablo 🙄"),
    ("en", "So sorry our free pickup option wasn't convenient enough for you 🙃"),
])
def test_an_eye_roll_mocks_the_apology_it_sits_beside(lang, reply):
    """Every labelled reply holding 🙄, 🙃 or 😏 is not calm; the calm head may not
    overrule the emoji, and the apology beside it is a mock one."""
    r = judge(reply, lang)
    assert r["calm"].score < 0 and r["apology"].score < 0, reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("es", "Si hubo algún malentendido con el vendedor sobre el ahorro, lo lamentamos."),
    ("es", "Si en algún momento se sintió mal atendido, le ofrecemos disculpas."),
    ("es", "Perdoná, pero el transporte no es nuestro, lo hace una empresa tercerizada."),
    ("en", "If at any point you felt let down by our team, we apologise."),
])
def test_a_condition_before_the_apology_makes_it_a_non_apology(lang, reply):
    assert judge(reply, lang)["apology"].score < 0, reply


@pytest.mark.parametrize(("lang", "reply", "min_days"), [
    ("es", "El depósito se liberó hoy; puede tardar entre 7 y 10 días hábiles en estar disponible en la tarjeta.", 7),
    ("es", "Por eso se suspendió la cirugía. La reprogramamos para el viernes a las 8:00.", 2),
    ("es", "Ya le anulé el acta. En el sistema le va a figurar sin deuda en 5 a 10 días hábiles.", 5),
    ("es", "La cuadrilla ya va para allá; normalmente llega en un plazo de 2 a 4 horas.", 0),
])
def test_honest_times_in_everyday_spanish_are_realistic_promises(lang, reply, min_days):
    r = judge(reply, lang, "negotiation", policy=Policy(min_days=min_days), today=date(2026, 10, 21))
    assert "realistic_promise" in r.signals and "over_promised" not in r.signals, reply


def test_a_hedge_still_promises_nothing_when_the_time_is_too_short():
    r = judge("Normalmente llega en 2 horas.", "es", "negotiation", policy=Policy(min_days=3))
    assert not {"realistic_promise", "over_promised"} & set(r.signals)


@pytest.mark.parametrize(("lang", "reply"), [
    ("es", "Le aseguro que a las 6 tiene todo dentro del departamento."),
    ("es", "Te preparo el descargo y te aseguro que el juzgado te va a anular el parte."),
    ("es", "Por lo que he visto, le puedo garantizar que la vacante es suya."),
    ("en", "I'll make sure you never get another ticket here, you have my word."),
    ("en", "I can assure you it will be there by the weekend."),
])
def test_vouching_for_an_outcome_is_an_over_promise(lang, reply):
    """29 of the 30 labelled replies that say "le/te aseguro que…" are over-promises."""
    assert "over_promised" in judge(reply, lang, "negotiation", policy=Policy(min_days=0)).signals, reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("es", "Le aseguro que estamos revisando su caso con prioridad."),
    ("en", "As a vet, I can assure you that the results were explained properly."),
    ("es", "No le puedo garantizar una fecha, pero lo sigo yo."),
])
def test_reassurance_about_effort_or_a_fact_is_no_over_promise(lang, reply):
    assert "over_promised" not in judge(reply, lang, "negotiation", policy=Policy(min_days=0)).signals, reply


def test_an_own_offer_many_times_its_size_is_beyond_the_case():
    """The case allows "5,000 goodwill miles"; "50,000 bonus miles" is the gesture, not its size."""
    from scoring.model import Offer

    offers = (Offer("goodwill_miles", ("miles", "goodwill"), label="5,000 goodwill miles"),)
    big = judge("Because of the hassle, I'm adding 50,000 bonus miles to your account.", "en",
                "negotiation", offers=offers)
    assert "over_promised" in big.signals
    ok = judge("Because of the hassle, I'm adding 5,000 bonus miles to your account.", "en",
               "negotiation", offers=offers)
    assert "over_promised" not in ok.signals and ok.reading.offers == ("goodwill_miles",)
    # A ceiling the trainer sets (`max_amount`) is exact, whatever the label says.
    capped = (Offer("goodwill_miles", ("miles",), max_amount=10000, label="goodwill miles"),)
    assert "over_promised" in judge("I'm adding 12,000 bonus miles.", "en", "negotiation",
                                    offers=capped).signals
    assert "over_promised" not in judge("I'm adding 8,000 bonus miles.", "en", "negotiation",
                                        offers=capped).signals


@pytest.mark.parametrize(("reply", "min_days", "over"), [
    ("I'll activate the pack manually, it will start working in 10 minutes.", 1, True),
    ("Your new inverter will be fitted this Thursday by Pádraig.", 7, True),
    ("The technician will phone you 30 minutes before he arrives.", 1, False),
    ("Just let me know which you'd prefer and I'll process it today.", 5, False),
])
def test_an_outcome_said_of_the_thing_not_the_agent_is_a_promise(reply, min_days, over):
    """A time in a clause whose subject is the thing ("it will start working…") is the
    outcome's; a notice, or the agent's own action ("I'll process it today"), is not."""
    r = judge(reply, "en", "negotiation", policy=Policy(min_days=min_days), today=date(2026, 6, 29))
    assert ("over_promised" in r.signals) is over, reply


@pytest.mark.parametrize(("lang", "reply", "kind"), [
    ("en", "Do you want me to unblock the card or not?", "yes_no"),
    ("es", "¿Cómo sigue Mora hoy?", "wellbeing"),
])
def test_question_kinds_from_blind_set_12(lang, reply, kind):
    assert judge(reply, lang).reading.questions == (kind,), reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("es", "Eso es todo lo que le puedo decir por ahora, señora."),
    ("en", "That's all I can tell you for now."),
    ("es", "Disculpe, pero es muy probable que la reservación se haya hecho para otra fecha; pasa mucho cuando se reserva por intermediarios."),
    ("es", "¿No estarás midiendo por wifi desde la otra punta de la casa?"),
    ("es", "Ah, ¿y esperaba un spa por 45 dólares la noche?"),
])
def test_calm_faults_from_blind_set_13(lang, reply):
    assert judge(reply, lang, "negotiation")["calm"].score < 0, reply


@pytest.mark.parametrize(("reply", "name"), [
    ("I issued a corrected letter with your name exactly as in your passport (MENDES DA SILVA, Larissa).",
     "Larissa Mendes da Silva"),
    ("Your open claim (HI/MUM/2026/03391) will be continued by our grievance officer.", "Priya Iyer"),
])
def test_a_name_as_a_document_writes_it_and_a_slashed_reference_are_not_shouting(reply, name):
    assert judge(reply, "en", "negotiation", customer_name=name)["calm"].score >= 0, reply


def test_the_customers_name_inside_a_shout_is_still_a_shout():
    r = judge("I HEAR YOU MENDES, but no.", "en", customer_name="Larissa Mendes da Silva")
    assert r["calm"].score < 0


@pytest.mark.parametrize(("reply", "kinds"), [
    pytest.param("First, are you safe in your room right now, and is there a number I can reach you on?",
                 {"wellbeing", "identifying_detail"},
                 marks=pytest.mark.xfail(strict=True, reason="models reader-lr-2026.12.5 and .6: the number asked for "
                                                              "after a wellbeing question is not an identifying detail")),
    ("Would you like the credit on your next box on 2 November, or the one after?", {"choice"}),
    ("Is the Visa ending 2231 still the right card?", {"identifying_detail"}),
])
def test_question_kinds_from_blind_set_13(reply, kinds):
    assert set(judge(reply).reading.questions) == kinds, reply


def test_is_that_acceptable_to_you_is_a_closure_check():
    r = judge("I'll refund the fee today. Is that acceptable to you?", "en", "negotiation")
    assert "checked_closure" in r.signals and "yes_no" not in r.reading.questions


@pytest.mark.parametrize(("lang", "reply"), [
    ("es", "Lamento que perciba la compensación como insuficiente, señor Requena."),
    ("en", "I'm sorry that's how you remember it, but I have checked the call log."),
    ("en", "I'm sorry, Carla, but weather delays aren't eligible for compensation."),
])
def test_non_apologies_from_blind_sets_12_and_13(lang, reply):
    assert judge(reply, lang)["apology"].score < 0, reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("es", "Ay, Yuliana, son solo 8.000 pesitos de más, eso se arregla en un momentico 😉"),
    ("en", "Tbf a cold curry is nothing a microwave can't fix 😅 DM us."),
])
def test_a_wink_or_a_sweat_smile_at_the_customers_problem_is_not_calm(lang, reply):
    """59 of 63 labelled replies with 😉, 60 of 64 with 😅 are not calm; the calm head may
    still overrule the emoji when it is sure (it is soft, unlike an eye-roll)."""
    assert judge(reply, lang)["calm"].score < 0, reply


def test_a_date_in_may_is_no_hedge():
    """"May 15" read as the hedge "may" made a promise inside its sentence count for nothing."""
    r = judge("The date's moved to May 15, and the revised contract will be in your inbox within the hour.",
              "en", "negotiation", policy=Policy(min_days=2))
    assert "over_promised" in r.signals
    hedged = judge("It may be in your inbox within the hour.", "en", "negotiation", policy=Policy(min_days=2))
    assert "over_promised" not in hedged.signals


def test_waiving_the_whole_of_an_offer_the_case_caps_is_beyond_it():
    from scoring.model import Offer

    offers = (Offer("fee_discount", ("fee",), label="discount of up to 25% on the preparation fee"),)
    pol = Policy(max_discount_percent=25)
    whole = judge("I'll waive your entire $350 prep fee on top of that.", "en", "negotiation", policy=pol, offers=offers)
    assert "over_promised" in whole.signals
    part = judge("I'll take 20% off your prep fee.", "en", "negotiation", policy=pol, offers=offers)
    assert "over_promised" not in part.signals


def test_a_third_party_said_to_be_certain_is_an_over_promise():
    r = judge("I'll pass this on to the hotel and they'll definitely waive it.", "en", "negotiation")
    assert "over_promised" in r.signals


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "That must have been scary."),
    ("en", "That must have been a frightening experience."),
    ("en", "Sorry for making you wait, and I'm very sorry you fell. That must have been a scary fall."),
    ("es", "Qué susto, Fernando. Debe de haber sido un mal rato."),
])
def test_naming_a_frightening_experience_is_empathy_not_a_fault(lang, reply):
    """The head, unsure of any one fault on a short sentence, located one in words the
    rules read as empathy (blind set 15): the kind words win."""
    result = judge(reply, lang)
    assert result["calm"].score >= 0 and result["empathy"].score > 0, reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "Oh, that must have been SO hard for you 🙄"),
    ("es", "Uy, qué susto, debe de haber sido terrible 🙄"),
])
def test_mocking_empathy_stays_a_fault(lang, reply):
    assert judge(reply, lang)["calm"].score < 0, reply


@pytest.mark.parametrize(("reply", "kind"), [
    ("Congratulations, you've discovered that parcels sometimes take a while.", "sarcastic"),
    pytest.param("The photos prove the item was perfect when it left us.", "argued",
                 marks=pytest.mark.xfail(strict=True, reason="models reader-lr-2026.12.5 and .6 read it as blame")),
    ("Wow, what a shock, a parcel took two days.", "sarcastic"),
])
def test_the_heads_fault_is_of_the_right_kind(reply, kind):
    """Both are calm faults for every model so far; the kind the coach names changed with
    corpus batch c5 (the known misses fail the suite once the kind is right again; c6 put
    the first one right)."""
    result = judge(reply)
    assert result["calm"].score < 0 and kind in result.signals, reply


@pytest.mark.parametrize(("lang", "reply", "kinds"), [
    ("en", "Hi Sipho, let's get this sorted. Which tyre size were you booked in for?", {"identifying_detail"}),
    ("en", "Which bike number was it?", {"identifying_detail"}),
    ("en", "Okay. Which sessions can't you make?", {"when_where"}),
    ("en", "Thanks, Mr Tane. Now, what's the address?", {"identifying_detail"}),
    ("en", "I'll knock 10% off the new rate and lock it in for twelve months, how's that?", set()),
    ("es", "Para revisarlo necesito saber en qué sucursal le hicieron el cambio y qué día.", {"when_where"}),
])
def test_question_kinds_from_blind_set_15(lang, reply, kinds):
    """Which-questions ask for a thing of the case, not an open account; 'how's that?'
    after an offer checks the solution; 'necesito saber…' asks without a question mark."""
    assert set(judge(reply, lang).reading.questions) == kinds, reply


@pytest.mark.parametrize(("lang", "reply", "min_days"), [
    ("es", "Le reembolsamos la caja, 690 pesos, en 24 horas.", 3),
    ("en", "We'll refund the fee, all £40 of it, within 24 hours.", 3),
    ("es", "Te confirmo que mañana mismo ya estarás en una habitación individual del edificio B.", 7),
    ("es", "Le podemos dar otra hora para hoy mismo a las 18:00.", 2),
])
def test_a_time_too_soon_is_an_over_promise_from_blind_set_16(lang, reply, min_days):
    """A time set off by commas belongs to the clause before it; being somewhere and an
    appointment given are outcomes."""
    r = judge(reply, lang, "negotiation", policy=Policy(min_days=min_days, can_refund=True))
    assert "over_promised" in r.signals, reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("es", "Antes que nada: ¿cómo tiene ahora mismo el dolor, le ha subido la hinchazón?"),
    ("es", "Entiendo lo que me dice, pero le aseguro que la web nunca ha puesto eso."),
])
def test_a_question_about_now_and_an_assured_fact_promise_nothing(lang, reply):
    r = judge(reply, lang, "negotiation", policy=Policy(min_days=2, can_refund=True))
    assert "over_promised" not in r.signals, reply


@pytest.mark.parametrize(("reply", "policy"), [
    ("Dr Marsh will redo it at no charge, and I'll take 25% off your next check-up as well.", Policy(min_days=3)),
    ("I can also promise you we'll cover Biscuit's vet bill in full, whatever it ends up being.", Policy(min_days=2, can_refund=True)),
    ("I've ordered the hinges and I'll make sure IKEA gets them to you by tomorrow.", Policy(min_days=4)),
    ("Fine, I'll get someone round tomorrow to flip it.", Policy(min_days=3)),
    ("We'll resubmit the claim and Delta Dental will definitely cover it in full.", Policy(min_days=10)),
])
def test_over_promises_from_blind_set_16(reply, policy):
    """A 'no' in the clause before ('at no charge, and…') negates nothing after it; a
    third party's payment vouched for; a delivery or a visit sooner than the policy."""
    assert "over_promised" in judge(reply, "en", "negotiation", policy=policy).signals, reply


def test_a_refused_offer_stays_refused_in_its_own_clause():
    r = judge("I can't offer a discount on the repair.", "en", "negotiation", policy=Policy(min_days=3))
    assert "over_promised" not in r.signals and "offered_discount" not in r.signals


# ------------------------------------------------------------------ session 7: false calm faults
@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "That sounds frightening. Is your daughter hurt, or just shaken?"),
    ("en", "Before anything else: are you injured at all, even a little sore?"),
    ("es", "¿Alguien herido? Cuénteme primero cómo están."),
])
def test_a_question_after_their_wellbeing_is_no_negative_tone(lang, reply):
    """Words that hurt in a statement ask after the customer in a wellbeing question."""
    r = judge(reply, lang, "venting")
    assert "calm.negative_tone" not in {e.rule for e in r["calm"].evidence}, reply
    assert r["calm"].score >= 0, reply


def test_a_wellbeing_question_does_not_hide_negative_wording_elsewhere():
    r = judge("Are you hurt? Honestly this is a pathetic, stupid, awful complaint.", "en", "venting")
    assert r["calm"].score < 0


@pytest.mark.parametrize(("reply", "calm"), [
    ("¿Cómo está tu madre? ¿Has podido verla hoy?", True),
    ("Cuídate, y cuida a tu madre estos días.", True),
    ("Oye, estafadores tu abuela.", False),
])
def test_tu_madre_is_an_insult_only_when_it_hands_one_back(reply, calm):
    assert (judge(reply, "es")["calm"].score >= 0) is calm, reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("es", "Según el artículo 102 del TRLGDCU, el plazo de desistimiento es de 14 días."),
    ("en", "Your claim is with the FSCS, who handle it from here."),
])
def test_one_long_code_in_capitals_is_no_shout(lang, reply):
    assert "calm.shouting" not in {e.rule for e in judge(reply, lang)["calm"].evidence}, reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "I said NEVER, and I meant it."),
    ("es", "Le he dicho que NUNCA hacemos reembolsos."),
])
def test_one_real_word_in_capitals_is_still_a_shout(lang, reply):
    assert "calm.shouting" in {e.rule for e in judge(reply, lang)["calm"].evidence}, reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "I'm sorry you're frustrated with how long this is taking, Mr Lowe."),
    ("en", "We're sorry you were disappointed by the tour. Your comments have been passed on."),
    ("en", "Sorry madam, but the ticket is non-transferable."),
    ("es", "Siento que le haya sentado mal la factura, Marta."),
    ("es", "Lamentamos que se encuentre tan disgustado con la reparación."),
])
def test_sorry_for_the_customers_feeling_is_a_non_apology(lang, reply):
    """What is regretted is the customer's mood, not what happened (corpus/LABELS.md)."""
    assert judge(reply, lang)["apology"].score < 0, reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "I'm so sorry you were left without heating all weekend; that's on us."),
    ("es", "Siento mucho que se quedara sin calefacción todo el fin de semana; fue culpa nuestra."),
])
def test_sorry_for_what_happened_to_them_stays_genuine(lang, reply):
    assert judge(reply, lang)["apology"].score > 0, reply


@pytest.mark.parametrize(("lang", "reply", "policy"), [
    ("en", "I'll get an exterminator out to you within 24 hours.", Policy(min_days=3)),
    ("en", "The courier will be at your door before 4pm.", Policy(min_days=2)),
    ("en", "Don't worry, it'll be settled by tomorrow.", Policy(min_days=5)),
    ("es", "Se lo entregamos antes de las 18:00, sin falta.", Policy(min_days=2)),
    ("es", "Le vamos a devolver la matrícula completa.", Policy(min_days=3, can_refund=False)),
    ("es", "Le reintegramos los 300 pesos de la inscripción.", Policy(min_days=3, can_refund=False)),
    ("es", "Por las molestias le bajo la cuota un 40 % durante un año.", Policy(min_days=3, max_discount_percent=10)),
])
def test_over_promises_of_session_7(lang, reply, policy):
    """A clock time with no day is today; getting someone out to the customer and a
    settled claim are outcomes; periphrastic, impersonal and regional Spanish refunds
    ("le vamos a devolver", "le reintegramos") and a lowered price are offers."""
    assert "over_promised" in judge(reply, lang, "negotiation", policy=policy).signals, reply


@pytest.mark.parametrize(("lang", "reply", "policy"), [
    ("en", "I'll call you before 5pm with an update.", Policy(min_days=3)),
    ("en", "The engineer will be with you tomorrow before noon.", Policy(min_days=1)),
    ("es", "Se le devolverá el importe en un plazo de 5 a 7 días hábiles.", Policy(min_days=5, can_refund=True)),
])
def test_calls_and_honest_times_stay_realistic(lang, reply, policy):
    assert "over_promised" not in judge(reply, lang, "negotiation", policy=policy).signals, reply


@pytest.mark.parametrize(("reply", "policy"), [
    ("I'll lodge it with the manufacturer today and make sure they approve it.", Policy(min_days=14)),
    ("Your new booking's confirmed, and that crossing will definitely run: the forecast is calm.", Policy(min_days=1)),
    ("I can promise you the specialist will clear it up for good.", Policy(min_days=14)),
    ("I promise your premium will come down by a third at renewal.", Policy(min_days=14)),
    ("There's zero chance of this happening again.", Policy(min_days=1)),
    ("I can assure you the driver responsible will be dismissed this week.", Policy(min_days=10)),
])
def test_vouching_for_an_outcome_nobody_controls_is_an_over_promise(reply, policy):
    assert "over_promised" in judge(reply, "en", "negotiation", policy=policy).signals, reply


@pytest.mark.parametrize(("lang", "reply", "policy", "today"), [
    # a state's length, not a time from today
    ("en", "Your freezer will stay cold for a few hours, so please keep the door shut.", Policy(min_days=2), None),
    ("es", "La nevera aguanta bien durante unas horas si no la abre.", Policy(min_days=2), None),
    # counted from another event
    ("en", "If it isn't back to normal within a week of the repair, we'll send someone out.", Policy(min_days=10), None),
    # a step taken today beside an honest time for the result
    ("en", "We'll reverse the duplicate charge today. It usually shows on your statement within 3 to 5 working days.",
     Policy(min_days=3, can_refund=True), None),
    # the day of the month says which Monday
    ("en", "The parts arrive Thursday, so your watch will ship by Monday the 20th at the latest.",
     Policy(min_days=5), date(2026, 7, 9)),
    ("es", "La instalación se hará el lunes 20, a primera hora.", Policy(min_days=5), date(2026, 7, 9)),
    # "la demora" is the delay, not "it takes"
    ("es", "Lamento la demora con tu pedido, tres días así no es aceptable.", Policy(min_days=2), None),
])
def test_times_that_are_no_promise_from_today(lang, reply, policy, today):
    kw = {"today": today} if today else {}
    assert "over_promised" not in judge(reply, lang, "negotiation", policy=policy, **kw).signals, reply


def test_no_hay_drama_negates_nothing():
    r = judge("Tranquilo, no hay drama: le devuelvo los 9.600 pesos de la anual.", "es", "negotiation",
              policy=Policy(min_days=5, can_refund=False))
    assert "over_promised" in r.signals


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "We're sorry about the damage. However, the terms say fragile items travel at your own risk."),
    ("es", "Lamentamos lo sucedido. No obstante, le recordamos que las normas piden no dejar objetos de valor."),
    ("es", "Perdona si te hemos hecho esperar, Irene. Mañana te lo mandamos."),
    ("es", "Si la reparación le ha ocasionado alguna molestia, lo sentimos."),
    ("en", "If the engineer's visit caused you any inconvenience, we apologise."),
    ("es", "Siento que no le haya quedado claro: el cambio se hace poco a poco."),
    ("en", "Sorry that wasn't clear to you: the form says so on page two."),
    ("es", "Pedimos disculpas por la espera; no es culpa nuestra, el proveedor se retrasó."),
])
def test_apologies_taken_back_or_made_conditional_are_non_apologies(lang, reply):
    """A contrast opening the next sentence ("However, …", "No obstante, …") takes the
    apology back as "sorry, but" does; "perdona si…" and "if it caused you…, we apologise"
    are conditional; "siento que no le haya quedado claro" regrets their understanding."""
    assert judge(reply, lang)["apology"].score < 0, reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "I'm so sorry about the damage. I've booked a collection for Thursday."),
    ("es", "Lamentamos muchísimo lo sucedido. Hoy mismo le enviamos otra caja."),
])
def test_an_apology_followed_by_action_stays_genuine_across_sentences(lang, reply):
    assert judge(reply, lang)["apology"].score > 0, reply


@pytest.mark.parametrize("reply", [
    "Che, no me hinches las pelotas con eso.",
    "Fue una cagada del repartidor, boludo.",
])
def test_rioplatense_swearing_is_profanity(reply):
    assert "swore" in judge(reply, "es").signals, reply


@pytest.mark.parametrize(("reply", "closure"), [
    ("Te paso al grupo del martes y te hago un 20 % en la cuota. ¿Te cierra?", True),
    ("Te cambio al turno de tarde desde el lunes. ¿Lo dejamos así, entonces?", True),
    ("Se le entrega mañana sin costo de envío. ¿Así está bien para usted?", True),
    ("La rueda ya está pedida. ¿Le va bien que le avisemos a este mismo número?", False),
    ("El certificado sale hoy. ¿A qué correo te lo envío?", False),
])
def test_spanish_closure_checks_and_questions_about_a_detail(reply, closure):
    r = judge(reply, "es", "resolution", policy=Policy(min_days=1))
    assert ("checked_closure" in r.signals) is closure, reply


def test_asi_esta_bien_asks_about_the_solution_not_wellbeing():
    r = judge("Se le entrega mañana. ¿Así está bien para usted?", "es", "resolution", policy=Policy(min_days=1))
    assert "wellbeing" not in r.reading.questions


def _kinds(reply, lang):
    return set(judge(reply, lang, "negotiation", policy=Policy(min_days=1)).reading.questions)


@pytest.mark.parametrize(("lang", "reply", "kind"), [
    ("en", "Is she still at the Harbour Road address?", "identifying_detail"),
    ("en", "Which account should it go back to, the savings or the current one?", "choice"),
    ("en", "Can a neighbour take it in, or do you need us to hold it at the depot?", "choice"),
    ("en", "Is Milo still being sick this morning?", "wellbeing"),
    ("es", "¿Te lo mando por WhatsApp o por correo?", "choice"),
    ("es", "¿Prefiere el turno de la mañana o el de la tarde?", "choice"),
    ("es", "¿En qué hotel te alojas?", "when_where"),
    ("es", "¿Le duele todavía la muñeca?", "wellbeing"),
    ("es", "¿Sigues en la calle Almendros, 12?", "identifying_detail"),
])
def test_question_kinds_of_session_7(lang, reply, kind):
    assert kind in _kinds(reply, lang), reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("es", "Bueno, al final llegó a tiempo, ¿no?"),
    ("en", "Is that okay, or is there anything else?"),
])
def test_tags_and_loose_ors_are_no_choice(lang, reply):
    assert "choice" not in _kinds(reply, lang), reply


def test_a_generic_discount_makes_the_cases_one_discount_offer_whatever_its_size():
    from scoring.model import Offer

    offers = (Offer("discount_15", ("discount 15", "discount"), "other", label="15% off the order"),
              Offer("top_up", ("top up", "top-up"), "other", label="a top-up of extra lilies"))
    r = judge("I'm so sorry, Sarah. I'll take 40% off the whole order.", "en", "negotiation",
              policy=Policy(min_days=1, max_discount_percent=15), offers=offers)
    assert "discount_15" in r.reading.offers
    assert "over_promised" in r.signals  # the size is the policy's to judge


def test_two_offers_of_the_kind_leave_the_generic_discount_unassigned():
    from scoring.model import Offer

    offers = (Offer("discount_10", ("discount 10",), "other", label="10% off this order"),
              Offer("credit_20", ("credit 20",), "other", label="a 20% credit on the next order"))
    r = judge("I'll take 10% off for you.", "en", "negotiation",
              policy=Policy(min_days=1, max_discount_percent=20), offers=offers)
    assert "credit_20" not in r.reading.offers


@pytest.mark.parametrize(("reply", "handoff"), [
    ("Hecho: te paso al grupo de martes y jueves a partir del martes 10.", False),
    ("Te paso a la sala 104 desde el lunes.", False),
    ("Le paso con facturación, que es quien lo lleva.", True),
])
def test_moving_the_customer_to_a_group_or_room_is_no_hand_off(reply, handoff):
    r = judge(reply, "es", "resolution", policy=Policy(min_days=1))
    assert bool(r.signals & {"deflected", "vague"}) is handoff, reply


def test_pronto_pago_is_no_vague_promise():
    r = judge("Son 90 euros y con pronto pago se le queda en 45.", "es", "negotiation", policy=Policy(min_days=1))
    assert "vague" not in r.signals


@pytest.mark.parametrize("reply", [
    "As mentioned in the booking terms you agreed to, the deposit is kept.",
    "To put it simply: if the form isn't signed, we can't start.",
    "Just a friendly reminder that the gate code is on your ticket 😊",
])
def test_reminders_that_talk_down_are_condescension(reply):
    assert judge(reply, "en")["calm"].score < 0, reply


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "Sorry about the mix-up, but the instructor's rota changed and there was nothing we could do."),
    ("en", "We regret any misunderstanding. The agreement is clear on lost items."),
])
def test_sorry_about_it_but_no_help_is_a_non_apology(lang, reply):
    assert judge(reply, lang)["apology"].score < 0, reply


@pytest.mark.parametrize(("lang", "reply", "calm"), [
    ("en", "Well, at least nobody was charged twice.", False),
    ("es", "Bueno, por lo menos no le cobraron dos veces.", False),
    ("en", "It should reach you within at least two days.", True),
])
def test_the_bright_side_put_to_the_customer_plays_it_down(lang, reply, calm):
    assert (judge(reply, lang)["calm"].score >= 0) is calm, reply


def test_a_dated_visit_offered_is_a_realistic_promise():
    r = judge("I can send a crew either Tuesday the 24th or Thursday the 26th.", "en", "negotiation",
              policy=Policy(min_days=5), today=date(2026, 3, 18))
    assert "realistic_promise" in r.signals and "over_promised" not in r.signals


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "With respect, Mr Lowe, the quote you have is last year's."),
    ("en", "I'll type slowly: the code is on the back of the card."),
    ("es", "Se lo repito despacito para que lo entienda: la cuota es anual."),
])
def test_corrections_opened_with_respect_and_talking_slowly_are_faults(lang, reply):
    assert judge(reply, lang)["calm"].score < 0, reply


def test_with_respect_as_a_sign_off_argues_nothing():
    r = judge("Dear Farah,\n\nYour watch is ready for collection.\n\nWith respect,\nAmina\nWorkshop Manager", "en",
              channel="email")
    assert "calm.argue" not in {e.rule for e in r["calm"].evidence}


@pytest.mark.parametrize(("lang", "reply"), [
    ("es", "Sí, qué tragedia, una sesión menos. Será una oportunidad para practicar la paciencia."),
    ("es", "¡Vaya descubrimiento! A las siete el local se llena. ¿Alguna otra revelación?"),
    ("es", "Ah, claro, ahora resulta que la culpa es del repartidor."),
    ("en", "Wow, what a discovery: gyms are busy at 7pm."),
])
def test_mocking_exclamations_are_sarcasm(lang, reply):
    assert "sarcastic" in judge(reply, lang).signals, reply


def test_a_mocked_apology_repeated_is_no_apology_at_all():
    r = judge("Ya, ya, perdón, perdón, mil perdones. ¿Contenta?", "es")
    assert r["apology"].score < 0 and "sarcastic" in r.signals


@pytest.mark.parametrize("reply", [
    "Madam, please don't shout, I can hear you perfectly well.",
    "Kindly refrain from using capital letters, it reads as aggressive.",
    "Ah, a bit of rain never hurt anybody!",
    "Think of it as a bonus cold shower 😄",
    "I never said Friday. I said Friday at the earliest.",
])
def test_polite_tone_policing_flippancy_and_contradiction_of_blind_set_21(reply):
    assert judge(reply, "en")["calm"].score < 0, reply
