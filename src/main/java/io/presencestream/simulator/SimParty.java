package io.presencestream.simulator;

import io.presencestream.model.Direction;
import io.presencestream.model.Party;
import io.presencestream.model.PartyEndpoint;
import io.presencestream.model.PartyStatus;
import io.presencestream.model.Recording;
import io.presencestream.model.SipData;
import java.util.List;

/**
 * One party of a simulated telephony session, as the server holds it. It joins its session with its
 * first status ({@link SessionBook#set}); until then it is invisible (a transfer target created with the
 * scenario, before the transfer).
 */
final class SimParty {
  final SimSession session;
  final String id;
  /** The extension the party belongs to; null for a party outside the account's extensions (PSTN). */
  final String extensionId;
  final Direction direction;
  final PartyEndpoint from;
  final PartyEndpoint to;
  final SipData sipData;
  /** Null until the party joins its session. */
  PartyStatus status;
  boolean missedCall;
  /** {@code Initiator} or {@code Target} of a RingOut, else null. */
  String ringOutRole;
  /** The party's recordings, null when it has none. */
  List<Recording> recordings;

  SimParty(SimSession session, String id, String extensionId, Direction direction, PartyEndpoint from,
      PartyEndpoint to, SipData sipData) {
    this.session = session;
    this.id = id;
    this.extensionId = extensionId;
    this.direction = direction;
    this.from = from;
    this.to = to;
    this.sipData = sipData;
  }

  boolean joined() {
    return status != null;
  }

  /** Whether the party has left its session ({@code Disconnected} or {@code Gone}). */
  boolean left() {
    return status != null && status.code().isFinal();
  }

  /** The party as a notification and the REST session report it (SIP data included). */
  Party snapshot(String accountId) {
    return new Party(id, accountId, extensionId, direction, from, to, status, missedCall, false, false, null,
        recordings, null, ringOutRole, null, sipData);
  }
}
