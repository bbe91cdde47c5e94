package io.presencestream.simulator;

import static io.presencestream.model.PartyStatusCode.ANSWERED;
import static io.presencestream.model.PartyStatusCode.DISCONNECTED;
import static io.presencestream.model.PartyStatusCode.HOLD;
import static io.presencestream.model.PartyStatusCode.PROCEEDING;
import static io.presencestream.model.PartyStatusCode.SETUP;
import static io.presencestream.model.PartyStatusCode.VOICEMAIL;

import io.presencestream.model.Direction;
import io.presencestream.model.OriginType;
import io.presencestream.model.PartyEndpoint;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.Recording;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The call stories of the simulated office, each told twice in the same steps: as presence (the calls in
 * the extensions' raw lists, {@link SimCall}) and as telephony sessions (the parties' statuses,
 * {@link SessionBook}), with the same {@code telephonySessionId}, {@code sessionId} and {@code partyId} on
 * both sides. Every variant is chosen by the caller, so a test can play each one; the generator draws them.
 *
 * <p>Party statuses follow RingCentral's call-status table (API guide "Telephony Session Notifications")
 * and its recorded calls: a caller outside the account is a party without extension; an inbound party goes
 * {@code Setup}, {@code Proceeding} while it rings; a RingCentral party reports {@code Answered} when its
 * call connects (the recorded extension-to-extension call reports the caller {@code Answered} as soon as
 * the callee's call handling starts; here it is {@code Answered} when the callee answers, as presence
 * shows it). Not thread-safe (see {@link Office}).
 */
final class CallScenarios {

  /** The call queue the queue calls go through (a department of the directory). */
  // Outside the users' ranges (ids 62000001004…, numbers 101…) at every office size, so that no user of a
  // large office shares the queue's id or number.
  static final String QUEUE_ID = "61000000004";
  static final String QUEUE_NUMBER = "90000001";
  static final String QUEUE_NAME = "Sales Queue";

  /** How an inbound call from outside ends. */
  enum InboundEnd { ANSWERED, MISSED, VOICEMAIL }

  /** How an outbound call to outside ends. */
  enum OutboundEnd { ANSWERED, NO_ANSWER, BUSY }

  /** How an answered call reaches a colleague. */
  enum Handover { BLIND_TRANSFER, ATTENDED_TRANSFER, PICKUP }

  private final OfficeModel model;
  private final OfficeIds ids;
  private final Random random;
  private final SessionBook book;

  CallScenarios(OfficeModel model, OfficeIds ids, Random random) {
    this.model = model;
    this.ids = ids;
    this.random = random;
    this.book = model.sessions();
  }

  // ---------------------------------------------------------------- calls with the outside

  Scenario inbound(SimExtension e, OfficeModel.Contact c, boolean national, InboundEnd ending, boolean hold) {
    SimCall call = newCall(Direction.INBOUND, national ? c.national() : c.e164(), c.name(), e.directNumber.e164(), e.name, false, e);
    SimSession s = session(call, OriginType.CALL);
    SimParty caller = s.party(remotePartyId(call), null, Direction.OUTBOUND, outside(call.from, c.name()), user(e, call.to), null);
    SimParty callee = s.party(call.partyId, e.id, Direction.INBOUND, outside(call.from, c.name()), user(e, call.to), call.sipData);
    Scenario sc = new Scenario("inbound", List.of(e)).step(t -> {
      add(t, e, call);
      ring(caller, callee);
    });
    if (ending == InboundEnd.MISSED) {
      return sc.step(t -> {
        end(t, e, call);
        callee.missedCall = true;
        book.set(callee, DISCONNECTED);
        book.set(caller, DISCONNECTED);
      });
    }
    if (ending == InboundEnd.VOICEMAIL) {
      // The phone stops ringing (presence: no call) while the caller leaves a message.
      return sc.step(t -> {
        end(t, e, call);
        callee.missedCall = true;
        book.set(callee, VOICEMAIL);
        book.set(caller, ANSWERED);
      }).step(t -> {
        book.set(callee, DISCONNECTED, PartyStatusReason.VOICEMAIL);
        book.set(caller, DISCONNECTED);
      });
    }
    sc.step(t -> {
      set(t, e, call, TelephonyStatus.CALL_CONNECTED);
      book.set(callee, ANSWERED);
      book.set(caller, ANSWERED);
    });
    if (hold) {
      holdAndResume(sc, e, call, callee);
    }
    return sc.step(t -> {
      end(t, e, call);
      book.set(callee, DISCONNECTED);
      book.set(caller, DISCONNECTED);
    });
  }

  Scenario outbound(SimExtension e, OfficeModel.Contact c, boolean national, OutboundEnd ending, boolean hold) {
    SimCall call = newCall(Direction.OUTBOUND, e.directNumber.e164(), e.name, national ? c.national() : c.e164(), c.name(), false, e);
    SimSession s = session(call, OriginType.CALL);
    SimParty caller = s.party(call.partyId, e.id, Direction.OUTBOUND, device(e, call.from), outside(call.to, c.name()), call.sipData);
    SimParty callee = s.party(remotePartyId(call), null, Direction.INBOUND, user(e, call.from), outside(call.to, c.name()), null);
    Scenario sc = new Scenario("outbound", List.of(e)).step(t -> {
      add(t, e, call);
      book.set(caller, SETUP);
      book.set(callee, PROCEEDING);
      book.set(caller, PROCEEDING);
    });
    if (ending != OutboundEnd.ANSWERED) {
      PartyStatusReason reason = ending == OutboundEnd.BUSY ? PartyStatusReason.TARGET_BUSY : PartyStatusReason.NO_ANSWER;
      return sc.step(t -> {
        end(t, e, call);
        book.set(callee, DISCONNECTED, reason);
        book.set(caller, DISCONNECTED, reason);
      });
    }
    sc.step(t -> {
      set(t, e, call, TelephonyStatus.CALL_CONNECTED);
      book.set(callee, ANSWERED);
      book.set(caller, ANSWERED);
    });
    if (hold) {
      holdAndResume(sc, e, call, caller);
    }
    return sc.step(t -> {
      end(t, e, call);
      book.set(caller, DISCONNECTED);
      book.set(callee, DISCONNECTED);
    });
  }

  /**
   * RingOut: the platform first rings the user's own phone (inbound leg, from the destination to the user),
   * then dials the destination (outbound leg, from the user to the destination). The inbound leg's session id
   * is 1000–4000 above the outbound's; the numbers cross, each in E.164 or national form. Each leg is a
   * telephony session of origin {@code RingOut} with the ids of its presence leg; the destination is a
   * party of the outbound leg.
   */
  Scenario ringOut(SimExtension e, OfficeModel.Contact c, int numberForms, boolean userNational, boolean hold) {
    String outSession = ids.nextSessionId();
    String inSession = String.valueOf(Long.parseLong(outSession) + 1000L * (1 + random.nextInt(4)));
    String inFrom = numberForms == 2 ? c.national() : c.e164();
    String outTo = numberForms == 0 ? c.e164() : c.national();
    String outTsid = ids.telephonySessionId();
    String inTsid = ids.telephonySessionId();
    SimCall in = new SimCall(ids.callId(), inSession, inTsid, OfficeIds.partyId(inTsid, 1), Direction.INBOUND, inFrom, c.name(),
        userNational ? e.directNumber.national() : e.directNumber.e164(), e.name, false,
        ids.sip(e.number, inFrom));
    SimCall out = new SimCall(ids.callId(), outSession, outTsid, OfficeIds.partyId(outTsid, 1), Direction.OUTBOUND,
        e.directNumber.e164(), e.name, outTo, c.name(), false, ids.sip(e.number, outTo));
    in.ringOutPartner = out;
    out.ringOutPartner = in;
    SimSession inLeg = session(in, OriginType.RING_OUT);
    SimSession outLeg = session(out, OriginType.RING_OUT);
    SimParty userIn = inLeg.party(in.partyId, e.id, Direction.INBOUND, outside(in.from, c.name()), user(e, in.to), in.sipData);
    SimParty userOut = outLeg.party(out.partyId, e.id, Direction.OUTBOUND, device(e, out.from), outside(out.to, c.name()), out.sipData);
    SimParty target = outLeg.party(OfficeIds.partyId(outTsid, 2), null, Direction.INBOUND, user(e, out.from),
        outside(out.to, c.name()), null);
    userIn.ringOutRole = "Initiator";
    userOut.ringOutRole = "Initiator";
    target.ringOutRole = "Target";
    Scenario sc = new Scenario("ringout", List.of(e))
        .step(t -> {
          add(t, e, in);
          book.set(userIn, SETUP);
          book.set(userIn, PROCEEDING);
        })
        .step(t -> {
          set(t, e, in, TelephonyStatus.CALL_CONNECTED);
          add(t, e, out);
          book.set(userIn, ANSWERED);
          book.set(userOut, SETUP);
          book.set(target, PROCEEDING);
          book.set(userOut, PROCEEDING);
        })
        .step(t -> {
          set(t, e, out, TelephonyStatus.CALL_CONNECTED);
          book.set(target, ANSWERED);
          book.set(userOut, ANSWERED);
        });
    if (hold) {
      holdAndResume(sc, e, in, userIn);
    }
    return sc.step(t -> {
      end(t, e, out);
      end(t, e, in);
      book.set(userOut, DISCONNECTED);
      book.set(target, DISCONNECTED);
      book.set(userIn, DISCONNECTED);
    });
  }

  Scenario parked(SimExtension e, OfficeModel.Contact c, boolean pickedUpAgain) {
    SimCall call = newCall(Direction.INBOUND, c.e164(), c.name(), e.directNumber.e164(), e.name, false, e);
    SimSession s = session(call, OriginType.CALL);
    SimParty caller = s.party(remotePartyId(call), null, Direction.OUTBOUND, outside(call.from, c.name()), user(e, call.to), null);
    SimParty callee = s.party(call.partyId, e.id, Direction.INBOUND, outside(call.from, c.name()), user(e, call.to), call.sipData);
    String parkData = "*8" + String.format("%02d", 1 + e.index % 99);
    Scenario sc = new Scenario("parked", List.of(e))
        .step(t -> {
          add(t, e, call);
          ring(caller, callee);
        })
        .step(t -> {
          set(t, e, call, TelephonyStatus.CALL_CONNECTED);
          book.set(callee, ANSWERED);
          book.set(caller, ANSWERED);
        })
        .step(t -> {
          set(t, e, call, TelephonyStatus.PARKED_CALL);
          book.park(callee, parkData);
        });
    if (pickedUpAgain) {
      sc.step(t -> {
        set(t, e, call, TelephonyStatus.CALL_CONNECTED);
        book.set(callee, ANSWERED);
      });
    }
    return sc.step(t -> {
      end(t, e, call);
      book.set(callee, DISCONNECTED);
      book.set(caller, DISCONNECTED);
    });
  }

  // ---------------------------------------------------------------- queues

  /**
   * A queue call: the agent's call plus an intermediate leg that presence consumers must ignore; the leg is
   * the queue's own party, which answers the caller and leaves when the agent answers. The agent's answer is
   * recorded.
   */
  Scenario queueWithIntermediateLeg(SimExtension e, OfficeModel.Contact c) {
    SimCall call = newCall(Direction.INBOUND, c.e164(), c.name(), QUEUE_NUMBER, QUEUE_NAME, true, e);
    SimCall leg = new SimCall(ids.callId(), call.sessionId, call.telephonySessionId, OfficeIds.partyId(call.telephonySessionId, 7),
        Direction.INBOUND, c.e164(), c.name(), QUEUE_NUMBER, QUEUE_NAME, true, call.sipData);
    leg.termination = TerminationType.INTERMEDIATE;
    SimSession s = session(call, OriginType.CALL);
    SimParty caller = s.party(remotePartyId(call), null, Direction.OUTBOUND, outside(c.e164(), c.name()), queue(), null);
    SimParty queue = s.party(leg.partyId, QUEUE_ID, Direction.INBOUND, outside(c.e164(), c.name()), queue(), null);
    SimParty agent = s.party(call.partyId, e.id, Direction.INBOUND, outside(c.e164(), c.name()), queue(), call.sipData);
    return new Scenario("queue", List.of(e))
        .step(t -> {
          add(t, e, call);
          add(t, e, leg, call.startTime); // the queue's leg of the same call, not a call of its own
          queueAnswers(caller, queue);
          book.set(agent, SETUP);
          book.set(agent, PROCEEDING);
        })
        .step(t -> {
          set(t, e, call, TelephonyStatus.CALL_CONNECTED);
          leg.status = TelephonyStatus.NO_CALL;
          leg.leaving = true;
          agent.recordings = List.of(new Recording(recordingId(call), true));
          book.set(agent, ANSWERED);
          book.set(queue, DISCONNECTED);
        })
        .step(t -> {
          end(t, e, call);
          agent.recordings = List.of(new Recording(recordingId(call), false));
          book.set(agent, DISCONNECTED);
          book.set(caller, DISCONNECTED);
        });
  }

  /** How a call into a queue ends. */
  enum QueueOutcome {
    /** A member answers (the first one ringing, or the {@code winner}-th of a ring-all). */
    ANSWERED,
    /** The caller hangs up while waiting. */
    ABANDONED,
    /** The queue's max wait passes: the call goes to the queue's voicemail. */
    OVERFLOW
  }

  /** The most waiting steps a call that should be answered gives the members before the caller gives up. */
  static final int MAX_RETRIES = 6;

  /**
   * A call into a queue, offered by the queue's routing to the members that can take it at each step — on queue
   * for it ({@code acceptCurrentQueueCalls}, DND not refusing department calls), online, not on a call, not in
   * wrap-up, not held by another scenario: a ring-all queue rings every such member at once, a sequential one
   * the next in the members' order, each member at most once per call, moving on after a ring timeout (one
   * step). The queue's party answers the caller first (greeting, music) and holds it while it waits. The agents'
   * presence calls carry {@code queueCall: true} and the queue's number; the session has a party for the queue.
   *
   * @param announcement steps the caller waits before the first offer (the queue's greeting)
   * @param timeouts ring timeouts before the outcome (sequential: each moves on to the next member)
   * @param winner which ringing member answers a ring-all call (modulo how many ring)
   */
  Scenario queueCall(String kind, SimQueue q, OfficeModel.Contact c, QueueOutcome outcome, int announcement, int timeouts,
      int winner, boolean hold) {
    QueueRun run = new QueueRun(kind, q, c);
    Scenario sc = run.scenario;
    sc.step(t -> {
      queueAnswers(run.caller, run.queueParty);
      if (announcement == 0) {
        run.offer(t);
      }
    });
    for (int i = 1; i < announcement; i++) {
      sc.step(t -> { });
    }
    if (announcement > 0) {
      sc.step(run::offer);
    }
    for (int i = 0; i < timeouts; i++) {
      sc.step(run::timeout);
    }
    switch (outcome) {
      case ABANDONED -> sc.step(run::abandon);
      case OVERFLOW -> sc.step(run::overflow).step(t -> {
        book.set(run.queueParty, DISCONNECTED, PartyStatusReason.VOICEMAIL);
        book.set(run.caller, DISCONNECTED);
      });
      default -> sc.step(t -> run.answer(t, winner, hold, 0));
    }
    return sc;
  }

  /** The moving parts of one {@link #queueCall}: its session, its parties and the members rung so far. */
  private final class QueueRun {
    final SimQueue q;
    final OfficeModel.Contact c;
    final String session = ids.nextSessionId();
    final String tsid = ids.telephonySessionId();
    final SimSession s = new SimSession(tsid, session, OriginType.CALL);
    final SimParty caller;
    final SimParty queueParty;
    final Scenario scenario;
    /** The members ringing now, with their call and party, in the order rung. */
    final List<SimExtension> ringing = new ArrayList<>();
    final List<SimCall> ringingCalls = new ArrayList<>();
    final List<SimParty> ringingParties = new ArrayList<>();
    int parties;

    QueueRun(String kind, SimQueue q, OfficeModel.Contact c) {
      this.q = q;
      this.c = c;
      this.caller = s.party(OfficeIds.partyId(tsid, 1), null, Direction.OUTBOUND, outside(c.e164(), c.name()), endpoint(q), null);
      this.queueParty = s.party(OfficeIds.partyId(tsid, 7), q.id, Direction.INBOUND, outside(c.e164(), c.name()), endpoint(q), null);
      this.scenario = new Scenario(kind, new ArrayList<>());
    }

    /** Offers the call: rings every member that can take it (ring-all), or the next one (sequential). */
    void offer(Set<SimExtension> t) {
      for (SimExtension a : q.members()) {
        if (!scenario.holders.contains(a) && offerable(q, a)) {
          ring(t, a);
          if (q.routing == SimQueue.Routing.SEQUENTIAL) {
            return;
          }
        }
      }
    }

    private void ring(Set<SimExtension> t, SimExtension a) {
      int n = 2 + parties++;
      SimCall call = new SimCall(ids.callId(), session, tsid, OfficeIds.partyId(tsid, n >= 7 ? n + 1 : n), Direction.INBOUND,
          c.e164(), c.name(), q.extensionNumber, q.name, true, ids.sip(a.number, c.e164()));
      SimParty party = s.party(call.partyId, a.id, Direction.INBOUND, outside(c.e164(), c.name()), endpoint(q), call.sipData);
      a.busyWithScenario = true;
      scenario.holders.add(a);
      ringing.add(a);
      ringingCalls.add(call);
      ringingParties.add(party);
      add(t, a, call);
      book.set(party, SETUP);
      book.set(party, PROCEEDING);
    }

    /** The members ringing stop ringing (their parties leave, missed, with {@code reason}, or none). */
    private void stopRinging(Set<SimExtension> t, PartyStatusReason reason, int except) {
      for (int i = 0; i < ringing.size(); i++) {
        if (i == except) {
          continue;
        }
        end(t, ringing.get(i), ringingCalls.get(i));
        SimParty p = ringingParties.get(i);
        p.missedCall = reason == null;
        book.set(p, DISCONNECTED, reason);
      }
    }

    /** A ring timeout: sequential moves on to the next member; ring-all keeps ringing, and offers if nobody rings. */
    void timeout(Set<SimExtension> t) {
      if (q.routing == SimQueue.Routing.SEQUENTIAL || ringing.isEmpty()) {
        stopRinging(t, null, -1);
        clearRinging();
        offer(t);
      }
    }

    private void clearRinging() {
      ringing.clear();
      ringingCalls.clear();
      ringingParties.clear();
    }

    /** A ringing member answers; with nobody ringing the caller waits a step more (at most {@link #MAX_RETRIES}). */
    void answer(Set<SimExtension> t, int winner, boolean hold, int retries) {
      if (ringing.isEmpty()) {
        offer(t);
        if (retries < MAX_RETRIES) {
          scenario.step(next -> answer(next, winner, hold, retries + 1));
        } else {
          scenario.step(this::abandon);
        }
        return;
      }
      int w = winner % ringing.size();
      SimExtension agent = ringing.get(w);
      SimCall call = ringingCalls.get(w);
      SimParty party = ringingParties.get(w);
      set(t, agent, call, TelephonyStatus.CALL_CONNECTED);
      book.set(party, ANSWERED);
      stopRinging(t, PartyStatusReason.AGENT_ANSWERED, w);
      book.set(queueParty, DISCONNECTED);
      clearRinging();
      if (hold) {
        holdAndResume(scenario, agent, call, party);
      }
      scenario.step(next -> {
        end(next, agent, call);
        book.set(party, DISCONNECTED);
        book.set(caller, DISCONNECTED);
      });
    }

    /** The caller hangs up while waiting. */
    void abandon(Set<SimExtension> t) {
      stopRinging(t, null, -1);
      clearRinging();
      book.set(queueParty, DISCONNECTED);
      book.set(caller, DISCONNECTED);
    }

    /** The queue's max wait passed: the phones stop ringing, the caller is sent to the queue's voicemail. */
    void overflow(Set<SimExtension> t) {
      stopRinging(t, null, -1);
      clearRinging();
      book.set(queueParty, VOICEMAIL);
    }
  }

  /**
   * Whether a member can be offered a call of {@code q} now: on queue for it, online, not held by a scenario, no
   * live call, not in wrap-up.
   */
  boolean offerable(SimQueue q, SimExtension a) {
    return q.onQueue(a) && a.userStatus != io.presencestream.model.UserStatus.OFFLINE && !a.busyWithScenario
        && a.calls.stream().noneMatch(call -> !call.ended()) && !model.contactCentre().inWrapUp(a, model.now());
  }

  // ---------------------------------------------------------------- between extensions

  Scenario internal(SimExtension a, SimExtension b, boolean answered, boolean hold) {
    ExtensionCall c = extensionCall(a, b);
    SimCall out = c.out;
    SimCall in = c.in;
    SimParty caller = c.caller;
    SimParty callee = c.callee;
    Scenario sc = new Scenario("internal", List.of(a, b)).step(t -> dial(t, c));
    if (!answered) {
      boolean busy = doNotDisturb(b);
      return sc.step(t -> {
        end(t, a, out);
        end(t, b, in);
        callee.missedCall = true;
        book.set(caller, DISCONNECTED, busy ? PartyStatusReason.TARGET_BUSY : null);
        book.set(callee, DISCONNECTED);
      });
    }
    sc.step(t -> connect(t, c));
    if (hold) {
      holdAndResume(sc, b, in, callee);
    }
    return sc.step(t -> {
      end(t, a, out);
      end(t, b, in);
      book.set(caller, DISCONNECTED);
      book.set(callee, DISCONNECTED);
    });
  }

  /**
   * A call from outside that {@code a} hands to {@code b}: a blind transfer ({@code a}'s party
   * {@code Disconnected}, reason {@code BlindTransfer}, and {@code b} rings in the same session); an attended
   * transfer ({@code a} holds, calls {@code b} in a second session, then completes: {@code a}'s parties in
   * both sessions go {@code Gone}, reason {@code AttendedTransfer}, each {@code peerId} naming the party it was
   * connected to — {@code b}'s in the second session, the caller's in the first); or a pickup ({@code b}
   * answers {@code a}'s ringing call from its own phone: {@code a}'s party {@code Disconnected}, reason
   * {@code Pickup}).
   */
  Scenario handover(SimExtension a, SimExtension b, OfficeModel.Contact c, Handover how) {
    SimCall call = newCall(Direction.INBOUND, c.e164(), c.name(), a.directNumber.e164(), a.name, false, a);
    SimSession s = session(call, OriginType.CALL);
    SimParty caller = s.party(remotePartyId(call), null, Direction.OUTBOUND, outside(call.from, c.name()), user(a, call.to), null);
    SimParty first = s.party(call.partyId, a.id, Direction.INBOUND, outside(call.from, c.name()), user(a, call.to), call.sipData);
    String kind = switch (how) {
      case BLIND_TRANSFER -> "transfer-blind";
      case ATTENDED_TRANSFER -> "transfer-attended";
      case PICKUP -> "pickup";
    };
    Scenario sc = new Scenario(kind, List.of(a, b)).step(t -> {
      add(t, a, call);
      ring(caller, first);
    });
    if (how == Handover.ATTENDED_TRANSFER) {
      return attended(sc, a, b, call, caller, first);
    }
    // b takes the caller into the same session, with a party of its own
    String to = how == Handover.PICKUP ? a.directNumber.e164() : b.directNumber.e164();
    SimExtension target = how == Handover.PICKUP ? a : b;
    SimCall taken = new SimCall(ids.callId(), call.sessionId, call.telephonySessionId, OfficeIds.partyId(call.telephonySessionId, 5),
        Direction.INBOUND, call.from, c.name(), to, target.name, false, ids.sip(b.number, call.from));
    SimParty second = s.party(taken.partyId, b.id, Direction.INBOUND, outside(call.from, c.name()), user(target, to), taken.sipData);
    if (how == Handover.PICKUP) {
      return sc.step(t -> {
        end(t, a, call);
        add(t, b, taken);
        set(t, b, taken, TelephonyStatus.CALL_CONNECTED);
        book.set(first, DISCONNECTED, PartyStatusReason.PICKUP);
        book.set(second, SETUP);
        book.set(second, ANSWERED);
        book.set(caller, ANSWERED);
      }).step(t -> {
        end(t, b, taken);
        book.set(second, DISCONNECTED);
        book.set(caller, DISCONNECTED);
      });
    }
    return sc
        .step(t -> {
          set(t, a, call, TelephonyStatus.CALL_CONNECTED);
          book.set(first, ANSWERED);
          book.set(caller, ANSWERED);
        })
        .step(t -> {
          end(t, a, call);
          add(t, b, taken);
          book.set(first, DISCONNECTED, PartyStatusReason.BLIND_TRANSFER);
          book.set(second, SETUP);
          book.set(second, PROCEEDING);
        })
        .step(t -> {
          set(t, b, taken, TelephonyStatus.CALL_CONNECTED);
          book.set(second, ANSWERED);
        })
        .step(t -> {
          end(t, b, taken);
          book.set(second, DISCONNECTED);
          book.set(caller, DISCONNECTED);
        });
  }

  private Scenario attended(Scenario sc, SimExtension a, SimExtension b, SimCall call, SimParty caller, SimParty first) {
    ExtensionCall consult = extensionCall(a, b);
    SimCall out = consult.out;
    SimCall in = consult.in;
    SimParty consulting = consult.caller;
    SimParty target = consult.callee;
    return sc
        .step(t -> {
          set(t, a, call, TelephonyStatus.CALL_CONNECTED);
          book.set(first, ANSWERED);
          book.set(caller, ANSWERED);
        })
        .step(t -> {
          set(t, a, call, TelephonyStatus.ON_HOLD);
          add(t, a, out);
          add(t, b, in);
          book.set(first, HOLD);
          rings(consult);
        })
        .step(t -> connect(t, consult))
        .step(t -> {
          // a drops out; the caller and b are cross-connected, each session keeps its other party
          end(t, a, call);
          end(t, a, out);
          book.gone(first, PartyStatusReason.ATTENDED_TRANSFER, target);
          book.gone(consulting, PartyStatusReason.ATTENDED_TRANSFER, caller);
        })
        .step(t -> {
          end(t, b, in);
          book.set(target, DISCONNECTED);
          book.set(caller, DISCONNECTED);
        });
  }

  /** Dialing one's own extension: two calls with one session id, one per direction, two parties of one extension. */
  Scenario callToSelf(SimExtension e) {
    ExtensionCall c = extensionCall(e, e);
    SimCall out = c.out;
    SimCall in = c.in;
    SimParty caller = c.caller;
    SimParty callee = c.callee;
    return new Scenario("self", List.of(e))
        .step(t -> dial(t, c))
        .step(t -> connect(t, c))
        .step(t -> {
          end(t, e, out);
          end(t, e, in);
          book.set(caller, DISCONNECTED);
          book.set(callee, DISCONNECTED);
        });
  }

  /**
   * A rush of calls on one extension: more than a notification carries, so lists get truncated. Direct calls,
   * not queue calls: no queue holds them, and as queue calls they would fill the contact-centre view's
   * {@code unknown} queue.
   */
  Scenario burst(SimExtension e) {
    int n = model.maxCallsPerMessage() + 1 + random.nextInt(3);
    List<SimCall> calls = new ArrayList<>();
    List<SimParty[]> parties = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      OfficeModel.Contact c = model.contacts().get(random.nextInt(model.contacts().size()));
      SimCall call = newCall(Direction.INBOUND, c.e164(), c.name(), e.directNumber.e164(), e.name, false, e);
      SimSession s = session(call, OriginType.CALL);
      SimParty caller = s.party(remotePartyId(call), null, Direction.OUTBOUND, outside(call.from, c.name()), user(e, call.to), null);
      SimParty callee = s.party(call.partyId, e.id, Direction.INBOUND, outside(call.from, c.name()), user(e, call.to), call.sipData);
      calls.add(call);
      parties.add(new SimParty[] {caller, callee});
    }
    int half = (n + 1) / 2;
    Scenario sc = new Scenario("burst", List.of(e))
        .step(t -> {
          for (int i = 0; i < half; i++) {
            add(t, e, calls.get(i));
            ring(parties.get(i)[0], parties.get(i)[1]);
          }
        })
        .step(t -> {
          for (int i = half; i < n; i++) {
            add(t, e, calls.get(i));
            ring(parties.get(i)[0], parties.get(i)[1]);
          }
        })
        .step(t -> {
          set(t, e, calls.get(0), TelephonyStatus.CALL_CONNECTED);
          book.set(parties.get(0)[1], ANSWERED);
          book.set(parties.get(0)[0], ANSWERED);
        });
    for (int i = 0; i < n; i += 3) {
      int from = i;
      int to = Math.min(n, i + 3);
      sc.step(t -> {
        for (int k = from; k < to; k++) {
          end(t, e, calls.get(k));
          SimParty callee = parties.get(k)[1];
          callee.missedCall = k != 0;
          book.set(callee, DISCONNECTED);
          book.set(parties.get(k)[0], DISCONNECTED);
        }
      });
    }
    return sc;
  }

  // ---------------------------------------------------------------- steps shared by the stories

  /** A call from extension {@code a} to extension {@code b} (the same one when dialing oneself): one session, a call per side. */
  private record ExtensionCall(SimExtension a, SimExtension b, SimCall out, SimCall in, SimParty caller, SimParty callee) {}

  private ExtensionCall extensionCall(SimExtension a, SimExtension b) {
    String session = ids.nextSessionId();
    String tsid = ids.telephonySessionId();
    SimCall out = new SimCall(ids.callId(), session, tsid, OfficeIds.partyId(tsid, 1), Direction.OUTBOUND, a.number, a.name, b.number,
        b.name, false, ids.sip(a.number, b.number));
    SimCall in = new SimCall(ids.callId(), session, tsid, OfficeIds.partyId(tsid, 2), Direction.INBOUND, a.number, a.name, b.number,
        b.name, false, ids.sip(b.number, a.number));
    SimSession s = session(out, OriginType.CALL);
    SimParty caller = s.party(out.partyId, a.id, Direction.OUTBOUND, device(a, a.number), user(b, b.number), out.sipData);
    SimParty callee = s.party(in.partyId, b.id, Direction.INBOUND, user(a, a.number), user(b, b.number), in.sipData);
    return new ExtensionCall(a, b, out, in, caller, callee);
  }

  /** Both sides' calls appear and both parties ring. */
  private void dial(Set<SimExtension> t, ExtensionCall c) {
    add(t, c.a, c.out);
    add(t, c.b, c.in);
    rings(c);
  }

  private void rings(ExtensionCall c) {
    book.set(c.caller, SETUP);
    book.set(c.callee, SETUP);
    book.set(c.callee, PROCEEDING);
    book.set(c.caller, PROCEEDING);
  }

  /** The callee answers: both calls connect. */
  private void connect(Set<SimExtension> t, ExtensionCall c) {
    set(t, c.a, c.out, TelephonyStatus.CALL_CONNECTED);
    set(t, c.b, c.in, TelephonyStatus.CALL_CONNECTED);
    book.set(c.callee, ANSWERED);
    book.set(c.caller, ANSWERED);
  }

  /** A caller from outside reaches an extension: the caller's party is set up, the extension's rings. */
  private void ring(SimParty caller, SimParty callee) {
    book.set(caller, SETUP);
    book.set(callee, SETUP);
    book.set(callee, PROCEEDING);
  }

  /** The queue answers the caller (greeting, music) until an agent answers. */
  private void queueAnswers(SimParty caller, SimParty queue) {
    book.set(caller, SETUP);
    book.set(queue, SETUP);
    book.set(queue, ANSWERED);
    book.set(caller, ANSWERED);
  }

  private void holdAndResume(Scenario sc, SimExtension e, SimCall call, SimParty party) {
    sc.step(t -> {
      set(t, e, call, TelephonyStatus.ON_HOLD);
      book.set(party, HOLD);
    }).step(t -> {
      set(t, e, call, TelephonyStatus.CALL_CONNECTED);
      book.set(party, ANSWERED);
    });
  }

  /**
   * The call appears on the extension now: its start time is this step's, the time of the first notification
   * that carries it. Stamped here rather than when the scenario is drawn, because the scenario's later steps
   * (a RingOut's outbound leg, a transfer's target, a consultation call, a burst's second half) run only when
   * the generator comes back to it, which may be hundreds of steps later.
   */
  private void add(Set<SimExtension> touched, SimExtension e, SimCall call) {
    add(touched, e, call, model.now());
  }

  private static void add(Set<SimExtension> touched, SimExtension e, SimCall call, Instant startTime) {
    call.startTime = startTime;
    e.calls.add(call);
    touched.add(e);
  }

  private static void set(Set<SimExtension> touched, SimExtension e, SimCall call, TelephonyStatus status) {
    call.status = status;
    touched.add(e);
  }

  private static void end(Set<SimExtension> touched, SimExtension e, SimCall call) {
    call.status = TelephonyStatus.NO_CALL;
    call.termination = TerminationType.FINAL;
    touched.add(e);
  }

  static boolean doNotDisturb(SimExtension e) {
    return e.userStatus == io.presencestream.model.UserStatus.BUSY
        && e.dndStatus == io.presencestream.model.DndStatus.DO_NOT_ACCEPT_ANY_CALLS;
  }

  private SimCall newCall(Direction direction, String from, String fromName, String to, String toName, boolean queue,
      SimExtension e) {
    String tsid = ids.telephonySessionId();
    String remote = direction == Direction.INBOUND ? from : to;
    return new SimCall(ids.callId(), ids.nextSessionId(), tsid, OfficeIds.partyId(tsid, 1 + random.nextInt(3)), direction, from,
        fromName, to, toName, queue, ids.sip(e.number, remote));
  }

  private static SimSession session(SimCall call, OriginType origin) {
    return new SimSession(call.telephonySessionId, call.sessionId, origin);
  }

  /** The other party of a two-party call: number 1, or 2 when the call's own party is number 1. */
  private static String remotePartyId(SimCall call) {
    return OfficeIds.partyId(call.telephonySessionId, call.partyId.endsWith("-1") ? 2 : 1);
  }

  /** A recording id, all digits, fixed by the call (no draw: recording is telephony only). */
  private static String recordingId(SimCall call) {
    return String.valueOf(4_000_000_000L + Math.floorMod(call.telephonySessionId.hashCode(), 1_000_000_000));
  }

  private static PartyEndpoint outside(String number, String name) {
    return new PartyEndpoint(number, name, null, null);
  }

  private static PartyEndpoint user(SimExtension e, String number) {
    return new PartyEndpoint(number, e.name, e.id, null);
  }

  /** The extension as the endpoint that places a call: with the device it calls from. */
  private static PartyEndpoint device(SimExtension e, String number) {
    return new PartyEndpoint(number, e.name, e.id, String.valueOf(210_000_000_016L + 1000L * e.index));
  }

  private static PartyEndpoint endpoint(SimQueue q) {
    return new PartyEndpoint(q.extensionNumber, q.name, q.id, null);
  }

  private static PartyEndpoint queue() {
    return new PartyEndpoint(QUEUE_NUMBER, QUEUE_NAME, QUEUE_ID, null);
  }
}
