package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import io.presencestream.codec.protocol.Frame;
import io.presencestream.codec.protocol.FrameType;
import io.presencestream.model.DndStatus;
import io.presencestream.model.UserStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RingCentral's call-queue REST endpoints and the call-queue presence notification, served by the simulator
 * over real sockets, in RingCentral's shapes (API reference schemas CallQueues, CallQueueMembers,
 * CallQueuePresence; samples in {@code src/test/resources/call-queue-samples}).
 */
class SimulatorCallQueuesIT {

  private static final String SALES = CallScenarios.QUEUE_ID;
  private static final String SUPPORT = OfficeModel.SUPPORT_QUEUE_ID;

  private RingCentralSimulator sim;
  private SimClient client;
  private String token;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void start() {
    sim = RingCentralSimulator.start(SimulatorOptions.builder().extensions(24).eventsPerSecond(0).build());
    client = new SimClient(sim);
    token = client.login().accessToken();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private JsonNode get(String path) {
    SimClient.Response r = client.get(path, token);
    assertThat(r.status()).as(path + ": " + r.text()).isEqualTo(200);
    return read(r);
  }

  private JsonNode read(SimClient.Response r) {
    try {
      return json.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String accountUri() {
    return sim.baseUrl() + "/restapi/v1.0/account/" + sim.options().accountId();
  }

  private List<String> ids(int... indexes) {
    List<String> all = sim.directory().stream().map(e -> e.extensionId()).toList();
    List<String> out = new ArrayList<>();
    for (int i : indexes) {
      out.add(all.get(i));
    }
    return out;
  }

  @Test
  void listsTheOfficesTwoQueuesPagedLikeTheExtensionList() {
    JsonNode all = get("/restapi/v1.0/account/~/call-queues");
    JsonNode first = get("/restapi/v1.0/account/~/call-queues?perPage=1");
    JsonNode second = get(first.at("/navigation/nextPage/uri").asText());

    assertThat(all.get("uri").asText()).isEqualTo(accountUri() + "/call-queues?page=1&perPage=100");
    assertThat(all.get("records")).hasSize(2);
    JsonNode sales = all.get("records").get(0);
    assertThat(sales.get("uri").asText()).isEqualTo(accountUri() + "/extension/" + SALES);
    assertThat(sales.get("id").isTextual()).as("a queue id is a string").isTrue();
    assertThat(sales.get("id").asText()).isEqualTo(SALES);
    assertThat(sales.get("extensionNumber").asText()).isEqualTo("90000001");
    assertThat(sales.get("name").asText()).isEqualTo("Sales Queue");
    assertThat(all.get("records").get(1).get("name").asText()).isEqualTo("Support Queue");
    assertThat(all.get("paging").toString())
        .isEqualTo("{\"page\":1,\"totalPages\":1,\"perPage\":100,\"totalElements\":2,\"pageStart\":0,\"pageEnd\":1}");
    assertThat(all.at("/navigation/firstPage/uri").asText()).endsWith("/call-queues?page=1&perPage=100");
    assertThat(all.at("/navigation/lastPage/uri").asText()).endsWith("/call-queues?page=1&perPage=100");

    assertThat(first.get("records")).hasSize(1);
    assertThat(first.at("/paging/totalPages").asInt()).isEqualTo(2);
    assertThat(second.get("records").get(0).get("id").asText()).isEqualTo(SUPPORT);
    assertThat(second.at("/navigation/previousPage/uri").asText()).endsWith("page=1&perPage=1");
    assertThat(second.at("/navigation/nextPage").isMissingNode()).isTrue();
  }

  @Test
  void membersAreChosenByIndexWithTwoUsersInBothQueues() {
    JsonNode sales = get("/restapi/v1.0/account/~/call-queues/" + SALES + "/members");
    JsonNode support = get("/restapi/v1.0/account/~/call-queues/" + SUPPORT + "/members");

    assertThat(sales.get("records")).extracting(r -> r.get("id").asText()).containsExactlyElementsOf(ids(1, 2, 3, 4, 5, 6));
    assertThat(support.get("records")).extracting(r -> r.get("id").asText()).containsExactlyElementsOf(ids(5, 6, 7, 8, 9, 10));
    JsonNode member = sales.get("records").get(0);
    assertThat(member.get("id").isNumber()).as("a member id is a number in this list").isTrue();
    assertThat(member.get("extensionNumber").asText()).isEqualTo("102");
    assertThat(member.get("uri").asText()).isEqualTo(accountUri() + "/extension/" + ids(1).get(0));
    assertThat(sales.get("uri").asText()).isEqualTo(accountUri() + "/call-queues/" + SALES + "/members?page=1&perPage=100");
    assertThat(sales.at("/paging/totalElements").asInt()).isEqualTo(6);
  }

  @Test
  void presenceGivesEachMembersSwitchesAndDndTurnsAcceptQueueCallsOff() {
    String member = ids(2).get(0);
    sim.traffic().setPresence(member, UserStatus.AVAILABLE, DndStatus.DO_NOT_ACCEPT_DEPARTMENT_CALLS, null);

    JsonNode presence = get("/restapi/v1.0/account/~/call-queues/" + SALES + "/presence");

    assertThat(presence.get("records")).hasSize(6);
    JsonNode first = presence.get("records").get(0);
    assertThat(first.get("member").get("id").isTextual()).isTrue();
    assertThat(first.get("member").get("id").asText()).isEqualTo(ids(1).get(0));
    assertThat(first.get("member").get("extensionNumber").asText()).isEqualTo("102");
    assertThat(first.get("member").get("name").asText()).isEqualTo(sim.directory().get(1).name());
    assertThat(first.get("acceptQueueCalls").asBoolean()).isTrue();
    assertThat(first.get("acceptCurrentQueueCalls").asBoolean()).isTrue();
    JsonNode dnd = presence.get("records").get(1);
    assertThat(dnd.get("member").get("id").asText()).isEqualTo(member);
    assertThat(dnd.get("acceptQueueCalls").asBoolean()).isFalse();
    assertThat(dnd.get("acceptCurrentQueueCalls").asBoolean()).isTrue();
  }

  @Test
  void putSwitchesAMemberOutOfOneQueueOnlyAndNotifiesThatQueuesSubscribers() {
    String both = ids(5).get(0);
    try (WsProbe probe = client.connect()) {
      Frame reply = client.subscribe(probe, List.of(
          "/restapi/v1.0/account/~/call-queues/" + SALES + "/presence",
          "/restapi/v1.0/account/~/call-queues/999/presence"));
      assertThat(reply.header().status()).isEqualTo(200);

      SimClient.Response put = client.sendJson(HttpMethod.PUT, "/restapi/v1.0/account/~/call-queues/" + SALES + "/presence",
          token, "{\"records\":[{\"member\":{\"id\":\"" + both + "\"},\"acceptCurrentQueueCalls\":false}]}");

      assertThat(put.status()).as(put.text()).isEqualTo(200);
      JsonNode answered = read(put);
      assertThat(answered.get("records").get(4).get("member").get("id").asText()).isEqualTo(both);
      assertThat(answered.get("records").get(4).get("acceptCurrentQueueCalls").asBoolean()).isFalse();
      assertThat(get("/restapi/v1.0/account/~/call-queues/" + SUPPORT + "/presence").get("records").get(0)
          .get("acceptCurrentQueueCalls").asBoolean()).as("the Support Queue keeps it").isTrue();

      Frame n = probe.next(FrameType.SERVER_NOTIFICATION, SimClient.TIMEOUT);
      JsonNode envelope = readBytes(n.body());
      assertThat(envelope.get("event").asText())
          .isEqualTo("/restapi/v1.0/account/" + sim.options().accountId() + "/call-queues/" + SALES + "/presence");
      assertThat(envelope.get("body").toString())
          .isEqualTo("{\"records\":[{\"member\":{\"id\":\"" + both + "\"},\"acceptCurrentQueueCalls\":false}]}");
      assertThat(envelope.get("ownerId").asText()).isEqualTo(sim.ownerExtensionId());

      // the same value again changes nothing, so nothing is sent
      client.sendJson(HttpMethod.PUT, "/restapi/v1.0/account/~/call-queues/" + SALES + "/presence",
          token, "{\"records\":[{\"member\":{\"id\":" + both + "},\"acceptCurrentQueueCalls\":false}]}");
      assertThat(probe.drain(Duration.ofMillis(300))).isEmpty();
    }
  }

  @Test
  void badRequestsGetRingCentralErrors() {
    String path = "/restapi/v1.0/account/~/call-queues/" + SALES + "/presence";
    SimClient.Response notJson = client.sendJson(HttpMethod.PUT, path, token, "{records");
    SimClient.Response stranger = client.sendJson(HttpMethod.PUT, path, token,
        "{\"records\":[{\"member\":{\"id\":\"" + ids(0).get(0) + "\"},\"acceptCurrentQueueCalls\":false}]}");
    SimClient.Response unknownQueue = client.get("/restapi/v1.0/account/~/call-queues/123/members", token);
    SimClient.Response noToken = client.get("/restapi/v1.0/account/~/call-queues", null);

    assertThat(notJson.status()).isEqualTo(400);
    assertThat(client.codec.decodeError(notJson.body()).errorCode()).isEqualTo("CMN-101");
    assertThat(stranger.status()).as("the owner is in no queue").isEqualTo(400);
    assertThat(unknownQueue.status()).isEqualTo(404);
    assertThat(client.codec.decodeError(unknownQueue.body()).errorCode()).isEqualTo("CMN-102");
    assertThat(noToken.status()).isEqualTo(401);
  }

  @Test
  void theExtensionListGivesUsersAContactWithTheirDepartment() {
    JsonNode page = get("/restapi/v1.0/account/~/extension?perPage=1000");
    JsonNode sales = null;
    JsonNode support = null;
    JsonNode queue = null;
    for (JsonNode r : page.get("records")) {
      String id = r.get("id").asText();
      if (id.equals(ids(1).get(0))) {
        sales = r;
      } else if (id.equals(ids(7).get(0))) {
        support = r;
      } else if (id.equals(SUPPORT)) {
        queue = r;
      }
    }
    assertThat(sales.at("/contact/department").asText()).isEqualTo("Sales");
    assertThat(sales.at("/contact/firstName").asText() + " " + sales.at("/contact/lastName").asText())
        .isEqualTo(sales.get("name").asText());
    assertThat(support.at("/contact/department").asText()).isEqualTo("Support");
    assertThat(queue.get("type").asText()).isEqualTo("Department");
    assertThat(queue.get("contact")).isNull();
    assertThat(get("/restapi/v1.0/account/~/extension/" + ids(1).get(0)).at("/contact/department").asText()).isEqualTo("Sales");
  }

  @Test
  void aQueueCallReachesSubscribersWithQueueCallTrueAndAPartyForTheQueue() {
    try (WsProbe probe = client.connect()) {
      assertThat(client.subscribe(probe, List.of("/restapi/v1.0/account/~/presence?detailedTelephonyState=true",
          "/restapi/v1.0/account/~/telephony/sessions")).header().status()).isEqualTo(200);

      Scenario call = sim.traffic().start("queue-agents");
      sim.traffic().advance(call);
      String frames = String.join("\n", probe.drain(Duration.ofMillis(500)));

      for (SimExtension agent : call.holders) {
        assertThat(frames).contains("/extension/" + agent.id + "/presence?detailedTelephonyState=true");
      }
      assertThat(frames).contains("\"queueCall\":true", "\"to\":\"90000001\"", "\"toName\":\"Sales Queue\"")
          .contains("/extension/" + SALES + "/telephony/sessions", "\"extensionId\":\"" + SALES + "\"");
    }
  }

  private JsonNode readBytes(byte[] body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
