package org.peerstack.signaling.server;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.peerstack.exc.ConfigException;

/**
 * An IP address or CIDR range ({@code 10.0.0.0/8}, {@code ::1}, {@code 2001:db8::/32}); literals only,
 * never a DNS lookup. Also the client address key of the connection limits: an IPv4 address, or the
 * first {@code connections.ipv6-prefix-length} bits of an IPv6 address (one subscriber usually holds a
 * whole /64).
 */
record AddressRange(byte[] network, int prefixLength) {

    /** Parses {@code text}; {@code key} names the setting in the error. */
    static AddressRange parse(String text, String key) {
        String value = text == null ? "" : text.strip();
        int slash = value.indexOf('/');
        byte[] address = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? value : value.substring(0, slash));
        if (address == null) {
            throw new ConfigException(key + " entries must be IP addresses or CIDR ranges (got '" + text + "')");
        }
        int bits = address.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > address.length * 8) {
                throw new ConfigException(key + ": bad prefix length in '" + text + "'");
            }
        }
        return new AddressRange(mask(address, bits), bits);
    }

    /** An address literal (IPv4, IPv6, optionally in brackets or with a port as in X-Forwarded-For), or null. */
    static InetAddress literal(String text) {
        String value = text.strip();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            value = end < 0 ? "" : value.substring(1, end);
        } else if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':') && value.indexOf('.') > 0) {
            value = value.substring(0, value.indexOf(':')); // IPv4 with a port
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(value);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && java.util.Arrays.equals(mask(bytes, prefixLength), network);
    }

    /** The limits' key of {@code address}: the IPv4 address, or the IPv6 prefix of {@code ipv6PrefixLength} bits. */
    static String key(InetAddress address, int ipv6PrefixLength) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return address.getHostAddress();
        }
        try {
            return InetAddress.getByAddress(mask(bytes, ipv6PrefixLength)).getHostAddress() + "/" + ipv6PrefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mask(byte[] address, int bits) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            masked[i] &= (byte) (0xFF << (8 - keep));
        }
        return masked;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange other && other.prefixLength == prefixLength
                && java.util.Arrays.equals(other.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            return "?";
        }
    }
}
