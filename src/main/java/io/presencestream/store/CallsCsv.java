package io.presencestream.store;

import io.presencestream.codec.HistoryJson;
import io.presencestream.model.CallRecord;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Call records as CSV (RFC 4180: a header line, CRLF line ends, fields quoted when they hold a comma, a
 * quote or a line break). The columns and their order are those of the JSON records, times in the
 * account's zone as in JSON, an absent value an empty field.
 */
final class CallsCsv {

  static final String HEADER = "extensionId,callId,sessionId,telephonySessionId,direction,from,fromName,to,toName,"
      + "queueCall,queueId,startTime,answerTime,endTime,durationMs,ringMs,talkMs,holdMs,result,endReason,mergedInto";

  private CallsCsv() {}

  static String write(List<CallRecord> calls, ZoneId zone) {
    StringBuilder out = new StringBuilder(HEADER.length() + 2 + calls.size() * 256).append(HEADER).append("\r\n");
    for (CallRecord c : calls) {
      field(out, c.extensionId()).append(',');
      field(out, c.callId()).append(',');
      field(out, c.sessionId()).append(',');
      field(out, c.telephonySessionId()).append(',');
      field(out, c.direction().label()).append(',');
      field(out, c.from()).append(',');
      field(out, c.fromName()).append(',');
      field(out, c.to()).append(',');
      field(out, c.toName()).append(',');
      out.append(c.queueCall()).append(',');
      field(out, c.queueId()).append(',');
      out.append(HistoryJson.time(c.startTime(), zone)).append(',');
      out.append(c.answerTime() == null ? "" : HistoryJson.time(c.answerTime(), zone)).append(',');
      out.append(HistoryJson.time(c.endTime(), zone)).append(',');
      out.append(c.duration().toMillis()).append(',');
      millis(out, c.ring()).append(',');
      millis(out, c.talk()).append(',');
      millis(out, c.hold()).append(',');
      field(out, c.result().label()).append(',');
      field(out, c.endReason() == null ? null : c.endReason().label()).append(',');
      field(out, c.mergedInto()).append("\r\n");
    }
    return out.toString();
  }

  private static StringBuilder millis(StringBuilder out, Duration value) {
    return value == null ? out : out.append(value.toMillis());
  }

  static StringBuilder field(StringBuilder out, String value) {
    if (value == null) {
      return out;
    }
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char ch = value.charAt(i);
      quote = ch == ',' || ch == '"' || ch == '\r' || ch == '\n';
    }
    if (!quote) {
      return out.append(value);
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '"') {
        out.append('"');
      }
      out.append(ch);
    }
    return out.append('"');
  }
}
