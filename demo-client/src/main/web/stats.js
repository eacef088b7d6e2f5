// peerstack demo page: statistics on demand per remote tile, from RTCPeerConnection.getStats().
// Loaded before app.js; uses its $ and state when called.
'use strict';

/** How often an open stats panel refreshes (milliseconds). */
const STATS_INTERVAL_MS = 1000;

function toggleStats(peer) {
  let panel = peer.tile.querySelector('.stats');
  if (panel) {
    panel.remove();
    clearInterval(peer.statsTimer);
    peer.statsTimer = null;
    return;
  }
  panel = document.createElement('pre');
  panel.className = 'stats';
  panel.textContent = 'reading statistics';
  peer.tile.append(panel);
  const refresh = async () => {
    const s = await tileStats(peer);
    panel.textContent = [
      `resolution ${s.resolution || '-'}`,
      `frame rate ${s.fps == null ? '-' : s.fps.toFixed(0) + ' fps'}`,
      `bit rate   ${s.bitrate == null ? '-' : formatBitrate(s.bitrate)}`,
      `round trip ${s.rtt == null ? '-' : s.rtt.toFixed(1) + ' ms'}`,
      `codec      ${[s.videoCodec, s.audioCodec].filter(Boolean).join(' + ') || '-'}`,
    ].join('\n');
  };
  // a first reading now, so that the bit rate (a difference) is there 300 ms later, then every second
  peer.lastStats = null;
  tileStats(peer).then(() => setTimeout(refresh, 300));
  peer.statsTimer = setInterval(refresh, STATS_INTERVAL_MS);
}

function formatBitrate(bps) {
  return bps >= 1e6 ? (bps / 1e6).toFixed(2) + ' Mbit/s' : (bps / 1e3).toFixed(0) + ' kbit/s';
}

/** What one call receives, from getStats(): resolution, fps, bit rate (since the last call), RTT, codecs. */
async function tileStats(peer) {
  const report = await peer.pc.getStats();
  let video = null, audio = null, bytes = 0, selectedPair = null;
  const pairs = new Map(), codecs = new Map();
  // An SFU member shares the subscribe connection with the others: only its own tracks count.
  const own = peer.sfu && peer.stream ? new Set(peer.stream.getTracks().map(t => t.id)) : null;
  report.forEach(r => {
    if (r.type === 'inbound-rtp' && own && !own.has(r.trackIdentifier)) return;
    if (r.type === 'inbound-rtp') {
      bytes += r.bytesReceived || 0;
      if (r.kind === 'video') video = r; else if (r.kind === 'audio') audio = r;
    } else if (r.type === 'codec') codecs.set(r.id, r);
    else if (r.type === 'candidate-pair') pairs.set(r.id, r);
    else if (r.type === 'transport' && r.selectedCandidatePairId) selectedPair = r.selectedCandidatePairId;
  });
  const pair = pairs.get(selectedPair) || [...pairs.values()].find(p => p.nominated && p.state === 'succeeded');
  const now = performance.now(), previous = peer.lastStats;
  const seconds = previous ? (now - previous.at) / 1000 : 0;
  const fps = video ? (video.framesPerSecond != null ? video.framesPerSecond
      : previous && seconds > 0 ? (video.framesDecoded - previous.frames) / seconds : null) : null;
  const bitrate = previous && seconds > 0 ? (bytes - previous.bytes) * 8 / seconds : null;
  peer.lastStats = {at: now, bytes, frames: video ? video.framesDecoded || 0 : 0};
  const codecName = r => r && codecs.get(r.codecId) ? codecs.get(r.codecId).mimeType.split('/')[1] : null;
  return {
    resolution: video && video.frameWidth ? `${video.frameWidth}x${video.frameHeight}` : null,
    fps, bitrate,
    rtt: pair && pair.currentRoundTripTime != null ? pair.currentRoundTripTime * 1000 : null,
    videoCodec: codecName(video), audioCodec: codecName(audio),
  };
}

