package io.presencestream.codec;

import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.presencestream.codec.ParserValues.Problems;
import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.Alert;
import io.presencestream.model.Directory;
import io.presencestream.model.QueueStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The contact-centre view's JSON bodies (docs/contact-centre.md, "JSON"): {@code AGENT}, {@code DAY} (with
 * or without its timeline), {@code QUEUE}, {@code ALERT} and arrays of them, as the daemon's HTTP API
 * ({@code /api/agents}, {@code /api/agents/{id}/timeline}, {@code /api/queues}, {@code /api/alerts}) and the
 * simulator's truth write them. The same objects as inside the {@code agent.state}, {@code queue.stats} and
 * {@code alert.*} events ({@link PresenceCodec#encodeEvent}), so a test compares them field by field.
 * Writing is compact UTF-8 JSON with every key; reading accepts keys in any order, ignores unknown keys and
 * throws {@link DecodeException} for anything else. Stateless and thread-safe.
 *
 * <pre>{@code
 * ContactCentreJson json = ContactCentreJson.create();
 * String body = json.encodeQueues(centre.queues());
 * List<QueueStats> back = json.decodeQueues(body);
 * }</pre>
 */
public final class ContactCentreJson {

  /**
   * One element of {@code GET /api/agents} or of the simulator truth's {@code "agents"}: an agent and, when
   * written with one, its day.
   *
   * @param agent the agent state, never null
   * @param day its day figures, or null when the object has no {@code "day"}
   */
  public record AgentEntry(AgentStatus agent, AgentDay day) {

    /**
     * Requires the agent.
     *
     * @throws NullPointerException if {@code agent} is null
     *
     * @param agent as above
     * @param day as above
     */
    public AgentEntry {
      Objects.requireNonNull(agent, "agent");
    }
  }

  private static final JsonFactory WRITER = JsonFactory.builder().build();

  private final PresenceCodec machinery;

  private ContactCentreJson(CodecLimits limits) {
    this.machinery = PresenceCodec.create(limits);
  }

  /**
   * A codec with the default limits.
   *
   * @return a new codec
   */
  public static ContactCentreJson create() {
    return new ContactCentreJson(CodecLimits.defaults());
  }

  /**
   * A codec that decodes under the given limits (document size and depth).
   *
   * @param limits the bounds every decode is held to
   * @return a new codec
   * @throws IllegalArgumentException if {@code limits} is null
   */
  public static ContactCentreJson create(CodecLimits limits) {
    if (limits == null) {
      throw new IllegalArgumentException("limits are required");
    }
    return new ContactCentreJson(limits);
  }

  // ---------------------------------------------------------------- writing

  /**
   * {@code AGENT}.
   *
   * @param agent the agent
   * @return the object as compact JSON
   */
  public String encodeAgent(AgentStatus agent) {
    Objects.requireNonNull(agent, "agent");
    return write(g -> ContactCentreFields.writeAgent(g, agent, null, false));
  }

  /**
   * {@code AGENT + {"day": DAY}}, the day with or without its timeline; no {@code "day"} when the entry has none.
   *
   * @param entry the agent and its day
   * @param timeline whether the day's {@code "timeline"} is written
   * @return the object as compact JSON
   */
  public String encodeAgent(AgentEntry entry, boolean timeline) {
    Objects.requireNonNull(entry, "entry");
    return write(g -> ContactCentreFields.writeAgent(g, entry.agent(), entry.day(), timeline));
  }

  /**
   * An array of {@code AGENT + {"day": DAY}} in the given order ({@code GET /api/agents} writes the days
   * without timeline, the simulator's truth with).
   *
   * @param entries the agents and their days
   * @param timeline whether the days' {@code "timeline"} is written
   * @return the array as compact JSON
   */
  public String encodeAgents(List<AgentEntry> entries, boolean timeline) {
    return write(g -> {
      g.writeStartArray();
      for (AgentEntry e : entries) {
        ContactCentreFields.writeAgent(g, e.agent(), e.day(), timeline);
      }
      g.writeEndArray();
    });
  }

  /**
   * {@code DAY}.
   *
   * @param day the day
   * @param timeline whether {@code "timeline"} is written (the key is left out otherwise)
   * @return the object as compact JSON
   */
  public String encodeDay(AgentDay day, boolean timeline) {
    Objects.requireNonNull(day, "day");
    return write(g -> ContactCentreFields.writeDay(g, day, timeline));
  }

  /**
   * {@code QUEUE}.
   *
   * @param queue the queue's statistics
   * @return the object as compact JSON
   */
  public String encodeQueue(QueueStats queue) {
    Objects.requireNonNull(queue, "queue");
    return write(g -> ContactCentreFields.writeQueue(g, queue));
  }

  /**
   * An array of {@code QUEUE} in the given order.
   *
   * @param queues the queues
   * @return the array as compact JSON
   */
  public String encodeQueues(List<QueueStats> queues) {
    return write(g -> {
      g.writeStartArray();
      for (QueueStats q : queues) {
        ContactCentreFields.writeQueue(g, q);
      }
      g.writeEndArray();
    });
  }

  /**
   * {@code ALERT}.
   *
   * @param alert the alert
   * @return the object as compact JSON
   */
  public String encodeAlert(Alert alert) {
    Objects.requireNonNull(alert, "alert");
    return write(g -> ContactCentreFields.writeAlert(g, alert));
  }

  /**
   * An array of {@code ALERT} in the given order.
   *
   * @param alerts the alerts
   * @return the array as compact JSON
   */
  public String encodeAlerts(List<Alert> alerts) {
    return write(g -> {
      g.writeStartArray();
      for (Alert a : alerts) {
        ContactCentreFields.writeAlert(g, a);
      }
      g.writeEndArray();
    });
  }

  /**
   * {@code DIRECTORY}: the users and call queues (with their members and flags) the view reads, as the Kafka
   * directory topic carries them from the ingest to a contact-centre node (README, "Topics and their schema").
   *
   * @param directory the directory
   * @return the object as compact UTF-8 JSON
   */
  public byte[] encodeDirectory(Directory directory) {
    Objects.requireNonNull(directory, "directory");
    return JsonBytes.write(WRITER, 4096, g -> DirectoryFields.write(g, directory));
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads {@code AGENT}, with its {@code "day"} when it has one.
   *
   * @param json the object
   * @return the agent and its day (null when absent)
   * @throws DecodeException if the input is not such an object
   */
  public AgentEntry decodeAgent(String json) {
    return machinery.decode(json, p -> one(p, (q, t, problems) -> entry(ContactCentreFields.readAgent(q, t, problems, "agent"))));
  }

  /**
   * Reads an array of {@code AGENT} (each with its {@code "day"} when it has one).
   *
   * @param json the array
   * @return the agents in order
   * @throws DecodeException if the input is not such an array
   */
  public List<AgentEntry> decodeAgents(String json) {
    return machinery.decode(json, p -> many(p, (q, t, problems) -> entry(ContactCentreFields.readAgent(q, t, problems, "agents[]"))));
  }

  /**
   * Reads {@code DAY}, with or without its timeline (an empty timeline when absent).
   *
   * @param json the object
   * @return the day
   * @throws DecodeException if the input is not such an object
   */
  public AgentDay decodeDay(String json) {
    return machinery.decode(json, p -> one(p, (q, t, problems) -> ContactCentreFields.readDay(q, t, problems, "day")));
  }

  /**
   * Reads {@code QUEUE}.
   *
   * @param json the object
   * @return the queue's statistics
   * @throws DecodeException if the input is not such an object
   */
  public QueueStats decodeQueue(String json) {
    return machinery.decode(json, p -> one(p, (q, t, problems) -> ContactCentreFields.readQueue(q, t, problems, "queue")));
  }

  /**
   * Reads an array of {@code QUEUE}.
   *
   * @param json the array
   * @return the queues in order
   * @throws DecodeException if the input is not such an array
   */
  public List<QueueStats> decodeQueues(String json) {
    return machinery.decode(json, p -> many(p, (q, t, problems) -> ContactCentreFields.readQueue(q, t, problems, "queues[]")));
  }

  /**
   * Reads {@code ALERT}.
   *
   * @param json the object
   * @return the alert
   * @throws DecodeException if the input is not such an object
   */
  public Alert decodeAlert(String json) {
    return machinery.decode(json, p -> one(p, (q, t, problems) -> ContactCentreFields.readAlert(q, t, problems, "alert")));
  }

  /**
   * Reads an array of {@code ALERT}.
   *
   * @param json the array
   * @return the alerts in order
   * @throws DecodeException if the input is not such an array
   */
  public List<Alert> decodeAlerts(String json) {
    return machinery.decode(json, p -> many(p, (q, t, problems) -> ContactCentreFields.readAlert(q, t, problems, "alerts[]")));
  }

  /**
   * Reads {@code DIRECTORY}, as {@link #encodeDirectory} writes it.
   *
   * @param json the object as UTF-8 JSON; null is bad input
   * @return the directory
   * @throws DecodeException if the input is not such an object (or larger than the codec's limit)
   */
  public Directory decodeDirectory(byte[] json) {
    return machinery.decode(json, DirectoryFields::read);
  }

  // ---------------------------------------------------------------- machinery

  @FunctionalInterface
  private interface ValueReader<T> {
    T read(JsonParser p, JsonToken t, Problems problems) throws IOException;
  }

  private static AgentEntry entry(ContactCentreFields.AgentAndDay read) {
    return read == null ? null : new AgentEntry(read.agent(), read.day());
  }

  private static <T> T one(JsonParser p, ValueReader<T> reader) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new Malformed(DecodeException.Reason.NOT_JSON, "empty input");
    }
    if (t != JsonToken.START_OBJECT) {
      throw Malformed.shape("expected an object, found " + ParserValues.describe(t));
    }
    Problems problems = new Problems();
    T value = reader.read(p, t, problems);
    RingCentralReader.end(p);
    problems.throwIfAny();
    return value;
  }

  private static <T> List<T> many(JsonParser p, ValueReader<T> reader) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new Malformed(DecodeException.Reason.NOT_JSON, "empty input");
    }
    if (t != JsonToken.START_ARRAY) {
      throw Malformed.shape("expected an array, found " + ParserValues.describe(t));
    }
    Problems problems = new Problems();
    List<T> out = new ArrayList<>();
    JsonToken e;
    while ((e = p.nextToken()) != END_ARRAY) {
      if (e != JsonToken.START_OBJECT) {
        problems.add("element " + out.size() + " is " + ParserValues.describe(e) + ", expected an object");
        p.skipChildren();
        continue;
      }
      T value = reader.read(p, e, problems);
      if (value != null) {
        out.add(value);
      }
    }
    RingCentralReader.end(p);
    problems.throwIfAny();
    return out;
  }

  private static String write(JsonBytes.DocumentWriter writer) {
    return new String(JsonBytes.write(WRITER, 512, writer), StandardCharsets.UTF_8);
  }
}
