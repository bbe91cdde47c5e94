package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.Direction;
import io.presencestream.model.Origin;
import io.presencestream.model.OriginType;
import io.presencestream.model.Party;
import io.presencestream.model.PartyEndpoint;
import io.presencestream.model.PartyStatus;
import io.presencestream.model.PartyStatusCode;
import io.presencestream.model.PartyStatusReason;
import io.presencestream.model.PeerId;
import io.presencestream.model.TelephonySession;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines of {@code replay --emit sessions} as the codec writes them: fixed keys, fixed order, nulls written. */
class SessionReplayLineTest {

  private final TelephonySessionCodec codec = TelephonySessionCodec.create();

  private static Party party(String id, String extensionId, PartyStatus status, PartyEndpoint from, PartyEndpoint to,
      Boolean muted) {
    return new Party(id, "1001", extensionId, Direction.INBOUND, from, to, status, false, false, muted, null, null,
        null, null, null, null);
  }

  /** 101's view, its parties first seen in the order p-2 (101's, gone), p-1 (the caller). */
  private static TelephonySession session() {
    Party gone = party("p-2", "101",
        new PartyStatus(PartyStatusCode.GONE, PartyStatusReason.ATTENDED_TRANSFER, new PeerId("9", "s-9", "p-9-1"), null),
        new PartyEndpoint("+16505550100", "Caller", null, null), new PartyEndpoint("101", "Me", "101", "d-1"), true);
    Party caller = party("p-1", null, PartyStatus.of(PartyStatusCode.ANSWERED), null,
        new PartyEndpoint(null, "no number", null, null), null);
    return new TelephonySession("101", "s-1", "42", new Origin(OriginType.RING_OUT), Instant.EPOCH, Instant.EPOCH,
        List.of(gone, caller));
  }

  @Test
  void aLineIsTheOutcomeThenTheOwnersViewWithItsPartyAndThePartiesSortedById() {
    assertThat(codec.encodeReplayLine(7, "101", "s-1", true, null, session())).isEqualTo("{\"index\":7,"
        + "\"ownerId\":\"101\",\"telephonySessionId\":\"s-1\",\"applied\":true,\"dropReason\":null,\"error\":null,"
        + "\"session\":{\"telephonySessionId\":\"s-1\",\"sessionId\":\"42\",\"origin\":\"RingOut\","
        + "\"party\":{\"id\":\"p-2\",\"extensionId\":\"101\",\"direction\":\"Inbound\",\"status\":\"Gone\","
        + "\"reason\":\"AttendedTransfer\",\"from\":\"+16505550100\",\"to\":\"101\",\"missedCall\":false,"
        + "\"standAlone\":false,\"muted\":true,\"peerTelephonySessionId\":\"s-9\"},"
        + "\"parties\":[{\"id\":\"p-1\",\"extensionId\":null,\"direction\":\"Inbound\",\"status\":\"Answered\","
        + "\"reason\":null,\"from\":null,\"to\":null,\"missedCall\":false,\"standAlone\":false,\"muted\":null,"
        + "\"peerTelephonySessionId\":null},"
        + "{\"id\":\"p-2\",\"extensionId\":\"101\",\"direction\":\"Inbound\",\"status\":\"Gone\","
        + "\"reason\":\"AttendedTransfer\",\"from\":\"+16505550100\",\"to\":\"101\",\"missedCall\":false,"
        + "\"standAlone\":false,\"muted\":true,\"peerTelephonySessionId\":\"s-9\"}]}}");
  }

  @Test
  void aLineWithoutAViewOrAnOwnerWritesThemAsNull() {
    assertThat(codec.encodeReplayLine(0, null, "s-1", false, "no_owner", null)).isEqualTo("{\"index\":0,"
        + "\"ownerId\":null,\"telephonySessionId\":\"s-1\",\"applied\":false,\"dropReason\":\"no_owner\","
        + "\"error\":null,\"session\":null}");
  }

  @Test
  void anErrorLineSaysWhyInTheDecodersWords() {
    DecodeException error = new DecodeException(DecodeException.Reason.WRONG_SHAPE, "no \"telephonySessionId\"", null);

    assertThat(codec.encodeReplayError(3, error)).isEqualTo("{\"index\":3,\"ownerId\":null,"
        + "\"telephonySessionId\":null,\"applied\":false,\"dropReason\":null,"
        + "\"error\":{\"reason\":\"wrong_shape\",\"message\":\"no \\\"telephonySessionId\\\"\"},\"session\":null}");
  }

  @Test
  void theLineBufferWritesWhatTheOneLineEncodersWriteWithALineBreakAfterEach() throws Exception {
    JsonLineBuffer buffer = codec.newLineBuffer();
    DecodeException error = new DecodeException(DecodeException.Reason.NOT_JSON, "not UTF-8 text: \u00e9\uD83D\uDE00",
        null);
    StringBuilder expected = new StringBuilder();

    buffer.sessionLine(0, "101", "s-1", true, null, session());
    expected.append(codec.encodeReplayLine(0, "101", "s-1", true, null, session())).append('\n');
    buffer.sessionError(1, error);
    expected.append(codec.encodeReplayError(1, error)).append('\n');
    buffer.sessionLine(2, null, "s-2", false, "no_owner", null);
    expected.append(codec.encodeReplayLine(2, null, "s-2", false, "no_owner", null)).append('\n');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    buffer.writeTo(out);

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString()).contains("\u00e9");
  }
}
