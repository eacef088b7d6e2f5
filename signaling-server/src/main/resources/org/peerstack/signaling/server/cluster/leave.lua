-- ARGV: prefix, room, peer, node. Removes the member if this node holds it; returns 1, else 0.
return removePeer(ARGV[2], ARGV[3], ARGV[4])
