package io.presencestream.server;

import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * URLs for a bound server. A server bound to every interface reports {@code 0.0.0.0} or {@code ::} as its
 * host, which is no address a browser can open; these name the loopback address for this machine and the
 * machine's own addresses for the others.
 */
final class ListenAddresses {

  private ListenAddresses() {}

  /** The host for a URL used on this machine: the loopback address when bound to every interface. */
  static String localHost(SocketAddress bound, String reportedHost) {
    if (any(bound)) {
      // IPv4 loopback: reached through 0.0.0.0 and through :: alike (Netty binds :: dual-stack).
      return "127.0.0.1";
    }
    return bracketed(reportedHost);
  }

  /** Whether the server accepts connections from loopback only. */
  static boolean loopbackOnly(SocketAddress bound) {
    return bound instanceof InetSocketAddress address && address.getAddress() != null
        && address.getAddress().isLoopbackAddress();
  }

  /**
   * When bound to every interface, this machine's other addresses, as URL hosts: IPv4 ones, and IPv6 ones
   * too when the configured host was an IPv6 one ({@code ::}); without link-local addresses, which need a
   * zone a URL cannot carry portably. Empty when bound to one address, or when the interfaces cannot be read.
   */
  static List<String> networkHosts(SocketAddress bound, String configuredHost) {
    if (!any(bound)) {
      return List.of();
    }
    boolean ipv6 = configuredHost.contains(":");
    List<String> v4 = new ArrayList<>();
    List<String> v6 = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()) {
            continue;
          }
          if (address instanceof Inet4Address) {
            v4.add(NetUtil.toAddressString(address));
          } else if (ipv6 && address instanceof Inet6Address) {
            v6.add(bracketed(NetUtil.toAddressString(address))); // RFC 5952's short form, without a zone
          }
        }
      }
    } catch (SocketException | RuntimeException e) {
      // Only a convenience for the start banner: without it the loopback URL still works.
      return List.of();
    }
    v4.addAll(v6);
    return List.copyOf(v4);
  }

  private static boolean any(SocketAddress bound) {
    return bound instanceof InetSocketAddress address && address.getAddress() != null
        && address.getAddress().isAnyLocalAddress();
  }

  private static String bracketed(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
