package io.presencestream.daemon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads {@code sources:}, the list of accounts one daemon serves, and refuses what cannot work together: two
 * entries with one name, one simulated account id twice, two simulators on one port, one real account twice
 * (same server, client id and JWT). Each entry's own section is read as {@code source:}'s is.
 */
final class SourcesSection {

  /** The first simulated account's id when an entry gives none; the next entries count up from it. */
  private static final long FIRST_SIMULATED_ACCOUNT = Long.parseLong(SourceConfig.Simulator.DEFAULT_ACCOUNT_ID);

  private final BiFunction<ConfigNode, String, SourceConfig.Simulator> simulator;
  private final Function<ConfigNode, SourceConfig.RingCentral> ringcentral;

  SourcesSection(
      BiFunction<ConfigNode, String, SourceConfig.Simulator> simulator,
      Function<ConfigNode, SourceConfig.RingCentral> ringcentral) {
    this.simulator = simulator;
    this.ringcentral = ringcentral;
  }

  /** The entries, in file order; problems are added to the root's list (an entry with one is left out). */
  List<AccountSource> read(ConfigNode root) {
    List<ConfigNode> items = root.sections("sources");
    if (items.isEmpty()) {
      root.problem("sources", "must list at least one account (an entry with simulator or ringcentral)");
    }
    List<AccountSource> accounts = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    Map<String, String> accountIds = new HashMap<>();
    Map<Integer, String> ports = new HashMap<>();
    Map<String, String> realAccounts = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      ConfigNode node = items.get(i);
      String name = node.string("name", "account-" + (i + 1));
      if (!AccountSource.NAME.matcher(name).matches()) {
        node.problem("name", "must be 1 to 40 characters of A-Z a-z 0-9 _ . - (a letter or digit first), was \""
            + name + "\"");
        name = "account-" + (i + 1);
      }
      SourceConfig source = entry(node, i);
      node.rejectUnknownKeys();
      String earlier = names.putIfAbsent(name, node.path());
      if (earlier != null) {
        node.problem("name", "\"" + name + "\" is the name of " + earlier + " too; names must be unique");
      }
      if (source instanceof SourceConfig.Simulator sim) {
        earlier = accountIds.putIfAbsent(sim.accountId(), node.path());
        if (earlier != null) {
          node.problem("simulator.accountId", sim.accountId() + " is " + earlier + "'s account too: each account once");
        }
        if (sim.port() != 0 && (earlier = ports.putIfAbsent(sim.port(), node.path())) != null) {
          node.problem("simulator.port", sim.port() + " is " + earlier + "'s port too: give each simulator its own, or 0");
        }
      } else if (source instanceof SourceConfig.RingCentral rc) {
        if (rc.accountId() != null && (earlier = accountIds.putIfAbsent(rc.accountId(), node.path())) != null) {
          node.problem("ringcentral.accountId", rc.accountId() + " is " + earlier + "'s account too: each account once");
        }
        // the same app and user on the same platform is the same account: its events would arrive twice
        String account = rc.serverUrl() + " " + rc.credentials().clientId() + " " + rc.credentials().jwt().reveal();
        earlier = realAccounts.putIfAbsent(account, node.path());
        if (earlier != null) {
          node.problem("ringcentral", "the same account as " + earlier + " (same serverUrl, client id and JWT): each"
              + " account once");
        }
      }
      if (source != null) {
        accounts.add(new AccountSource(name, source));
      }
    }
    return List.copyOf(accounts);
  }

  private SourceConfig entry(ConfigNode node, int index) {
    String account = String.valueOf(FIRST_SIMULATED_ACCOUNT + index);
    return oneOf(node, false, section -> simulator.apply(section, account), ringcentral);
  }

  /**
   * The one account a section names with {@code simulator} or {@code ringcentral}, as {@code source:} and each entry
   * of {@code sources:} hold it; both given is a problem, and so is neither unless {@code simulatorByDefault}
   * ({@code source:} left empty is the simulator).
   *
   * @return the account, or null after a problem
   */
  static SourceConfig oneOf(
      ConfigNode node, boolean simulatorByDefault, Function<ConfigNode, ? extends SourceConfig> simulator,
      Function<ConfigNode, ? extends SourceConfig> ringcentral) {
    boolean simulated = node.has("simulator") || node.keys().contains("simulator");
    boolean real = node.has("ringcentral") || node.keys().contains("ringcentral");
    if (simulated && real) {
      node.problem(null, "choose one of simulator, ringcentral (both are given)");
      return null;
    }
    if (real) {
      return ringcentral.apply(node.section("ringcentral"));
    }
    if (!simulated && !simulatorByDefault) {
      node.problem(null, "needs simulator or ringcentral");
      return null;
    }
    return simulator.apply(node.section("simulator"));
  }
}
