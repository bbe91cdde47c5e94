package io.presencestream.engine;

import io.presencestream.model.Call;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;

/**
 * A call on its way into the live list: the engine's {@link Call} plus the one raw field it still
 * needs to decide whether the call has ended ({@code terminationType}, SEMANTICS §2.6), which the
 * published {@link Call} does not carry.
 */
record CallDraft(Call call, TerminationType terminationType) {

  /** SEMANTICS §2.6: ended = {@code NoCall} and {@code final}; {@code NoCall} alone is not ended. */
  boolean isEnded() {
    return call.telephonyStatus() == TelephonyStatus.NO_CALL && terminationType == TerminationType.FINAL;
  }
}
