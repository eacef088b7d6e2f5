// peerstack demo page: SFU rooms (docs/signaling-protocol.md, "SFU rooms"). Loaded before app.js; uses its
// $, state and send when called.
//
// In an SFU room the media goes through the server (peer id "sfu") instead of a mesh, on ONE connection
// with it that carries our camera and microphone (sendonly transceivers of our own) and every track of
// the others, renegotiated whenever either side has something new ("perfect negotiation", we are the
// polite side): we offer when we publish; the server offers when others' tracks come or go, and its offer
// wins a collision (setRemoteDescription rolls ours back, and negotiationneeded makes it again). Each
// server offer carries "streams": msid stream id -> the peer id of the member who publishes it; the page
// groups received tracks into one tile per member by it. When the server says "bye" (it closed our
// connection), a new connection starts.
// Members are in state.peers as in a mesh (participant list, badges, chat); their `pc` is the shared
// connection (connection state and statistics), which closePeer leaves open. A member's tile exists
// while it sends tracks: it appears with its first track and goes when its tracks end or it leaves.
// Chat goes through the server as an application message {"chat": "text"} (no data channels through an SFU).
// Chosen by the "SFU" checkbox or ?sfu=1; the server may also make a room an SFU room by its name
// (sfu.rooms): "joined" says {"sfu": true} then, and the page follows.
// ?maxres=WxH (e.g. ?maxres=320x180) asks the server for at most that size of every received video track
// ("max-resolution" to "sfu", sent once per track after the offer that brings it): of a simulcast
// publisher the SFU forwards the largest layer that fits.
'use strict';

/** The server's reserved peer id in SFU rooms. */
const SFU_ID = 'sfu';

const sfu = {
  active: false,          // in an SFU room now
  pc: null,               // RTCPeerConnection: our one connection with the server
  owners: new Map(),      // msid stream id -> publisher's peer id (from the latest server offer)
  pending: Promise.resolve(),  // descriptions from the server are applied one after the other
  limited: new Set(),     // received video track ids (a=msid) we sent max-resolution for, on this connection
};

/** ?maxres=WxH: the largest video size wanted of every received track, or null. */
function sfuMaxResolution() {
  const value = params.get('maxres');
  const size = value && /^(\d{1,5})x(\d{1,5})$/.exec(value);
  if (value && (!size || +size[1] < 1 || +size[2] < 1 || +size[1] > 16384 || +size[2] > 16384)) {
    console.warn('?maxres wants WxH with sizes of 1 to 16384, e.g. 320x180; got', value);
    return null;
  }
  return size ? {width: +size[1], height: +size[2]} : null;
}

/** Sends max-resolution for the video tracks of a server offer not limited yet (with ?maxres). */
function sfuLimit(sdp, streams) {
  const max = sfuMaxResolution();
  if (!max) return;
  let video = false;
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) video = line.startsWith('m=video');
    else if (video && line.startsWith('a=msid:')) {
      const [streamId, trackId] = line.slice(7).trim().split(/\s+/);
      if (trackId && streams[streamId] && !sfu.limited.has(trackId)) {
        sfu.limited.add(trackId);
        send({type: 'max-resolution', to: SFU_ID, track: trackId, width: max.width, height: max.height});
      }
    }
  }
}

/** Whether the next join asks for an SFU room. */
function sfuRequested() {
  return $('sfu').checked;
}

/** joined said {"sfu": true}: open the connection with the server, publishing our tracks on it. */
function sfuStart() {
  sfu.active = true;
  sfu.owners = new Map();
  $('chat-input').placeholder = 'message (through the server)';
  sfuConnect();
}

/** A new connection with the server; our camera and microphone go on transceivers of their own. */
function sfuConnect() {
  const pc = new RTCPeerConnection({iceServers: state.iceServers});
  sfu.pc = pc;
  sfu.limited = new Set();
  for (const peer of state.peers.values()) if (peer.sfu) peer.pc = pc;
  pc.ontrack = ({track, streams}) => sfuTrack(track, streams[0]);
  pc.onconnectionstatechange = () => {
    if (pc !== sfu.pc) return;
    if (pc.connectionState === 'failed') setStatus('the connection with the SFU failed', 'error');
    for (const peer of state.peers.values()) if (peer.tile) updateTile(peer);
    renderParticipants();
  };
  pc.onnegotiationneeded = async () => {
    try {
      await pc.setLocalDescription();
      if (pc === sfu.pc && pc.signalingState === 'have-local-offer') {
        send({type: 'offer', to: SFU_ID, sdp: pc.localDescription.sdp});
      }
    } catch (e) {
      console.warn('sfu offer', e);
    }
  };
  // addTransceiver, not addTrack: addTrack would reuse an m-line on which we receive someone's track
  const stream = state.localStream;
  if (stream) for (const track of stream.getTracks()) pc.addTransceiver(track, {direction: 'sendonly', streams: [stream]});
}

/** A signaling message in an SFU room; true when it was ours to handle. */
function sfuSignal(m) {
  if (!sfu.active || m.from !== SFU_ID) return false;
  const pc = sfu.pc;
  if (m.type === 'bye') { // the server closed our connection (e.g. it failed): start again
    pc.close();
    sfu.owners = new Map();
    sfuPrune();
    sfuConnect();
    return true;
  }
  if (m.type !== 'offer' && m.type !== 'answer') return true;
  sfu.pending = sfu.pending.then(async () => {
    if (pc !== sfu.pc) return;
    if (m.type === 'answer') {
      await pc.setRemoteDescription({type: 'answer', sdp: m.sdp});
      return;
    }
    for (const [streamId, owner] of Object.entries(m.streams || {})) sfu.owners.set(streamId, owner);
    await pc.setRemoteDescription({type: 'offer', sdp: m.sdp}); // rolls back an offer of ours (glare)
    await pc.setLocalDescription();
    send({type: 'answer', to: SFU_ID, sdp: pc.localDescription.sdp});
    sfuLimit(m.sdp, m.streams || {});
    sfu.owners = new Map(Object.entries(m.streams || {}));
    sfuPrune();
  }).catch(e => console.warn('sfu ' + m.type, e));
  return true;
}

/** A track from the server: into its publisher's tile (created with the first track). */
function sfuTrack(track, stream) {
  const owner = stream && sfu.owners.get(stream.id);
  if (!owner) {
    console.warn('sfu track without a known publisher', stream && stream.id);
    return;
  }
  const peer = sfuMember(owner);
  if (!peer) return;
  if (!peer.tile) {
    peer.tile = addTile(peer);
    renderParticipants();
  }
  peer.stream = stream;
  peer.streamId = stream.id;
  peer.tile.querySelector('video').srcObject = stream;
  track.onunmute = () => peer.tile && peer.tile.classList.add('live');
  track.onended = () => sfuPrune();
  stream.onremovetrack = () => sfuPrune();
}

/** The member entry for peer id `id` (also before peer-joined reached us). */
function sfuMember(id, name) {
  let peer = state.peers.get(id);
  if (peer) {
    if (name) peer.name = name;
    return peer;
  }
  if (!state.selfId || id === state.selfId) return null;
  peer = {id, name: name || id, sfu: true, pc: sfu.pc, stream: null, streamId: null, tile: null,
          media: {audio: true, video: true}, statsTimer: null, lastStats: null};
  state.peers.set(id, peer);
  renderParticipants();
  updateButtons();
  return peer;
}

/** Removes the tiles of members whose tracks ended (their stream left the server's offer or has no live track). */
function sfuPrune() {
  for (const peer of state.peers.values()) {
    if (!peer.tile) continue;
    const live = peer.stream && peer.stream.getTracks().some(t => t.readyState === 'live');
    if (!live || sfu.owners.get(peer.streamId) !== peer.id) sfuRemoveTile(peer);
  }
}

function sfuRemoveTile(peer) {
  clearInterval(peer.statsTimer);
  peer.statsTimer = null;
  peer.tile.remove();
  peer.tile = null;
  peer.stream = null;
  peer.streamId = null;
  layout();
  renderParticipants();
}

/** Closes the connection (leave, connection lost). */
function sfuStop() {
  if (sfu.pc) sfu.pc.close();
  sfu.pc = null;
  sfu.owners = new Map();
  sfu.active = false;
  $('chat-input').placeholder = 'message (data channel)';
}

/** Sends a chat line to every member through the server; returns how many members there are. */
function sfuSendChat(text) {
  send({type: 'message', data: {chat: text}});
  return state.peers.size;
}

/** Per member: totals of its tracks' inbound-rtp on the connection (as window.peerstack.stats). */
async function sfuStats(peer) {
  const s = {connectionState: peer.pc ? peer.pc.connectionState : 'new', framesDecoded: 0, audioSamplesReceived: 0,
             audioEnergy: 0, bytesReceived: 0, frameWidth: 0, frameHeight: 0, tile: !!peer.tile};
  if (!peer.pc || !peer.stream) return s;
  const tracks = new Set(peer.stream.getTracks().map(t => t.id));
  (await peer.pc.getStats()).forEach(r => {
    if (r.type !== 'inbound-rtp' || !tracks.has(r.trackIdentifier)) return;
    s.bytesReceived += r.bytesReceived || 0;
    if (r.kind === 'video') {
      s.framesDecoded += r.framesDecoded || 0;
      s.frameWidth = r.frameWidth || s.frameWidth;
      s.frameHeight = r.frameHeight || s.frameHeight;
    }
    if (r.kind === 'audio') { s.audioSamplesReceived += r.totalSamplesReceived || 0; s.audioEnergy += r.totalAudioEnergy || 0; }
  });
  return s;
}
