// peerstack demo page: joins a room on the peerstack signaling server (docs/signaling-protocol.md) and
// calls every other member (browsers and Java bots alike) in a full mesh, one RTCPeerConnection each,
// negotiated with the W3C "perfect negotiation" pattern. Of two members the one with the smaller peer id
// is polite: the same rule as org.peerstack.demo.Room, so pages and bots interoperate.
// Who calls whom (also as in Room): the member who joins calls every member already there, adding its
// tracks and chat channel at once; a member already there adds them when the newcomer's first offer
// arrives, before answering, so that the first offer never collides with another.
//
// The page is a small state machine (state.phase):
//   idle --Join--> joining --joined--> joined --Hang up--> idle
//   joining --join refused (room-full, unauthorized...)--> idle, camera and microphone released
//   joining/joined --connection lost (server stopped: going-away, network)--> reconnecting
//   reconnecting --backoff 1 s doubling to 10 s, +-20 %--> joining again with the same room and media
//   any state --Hang up--> idle
// Buttons are enabled exactly when they work (updateButtons). Each page tells the others whether its
// microphone and camera are on with an application message {"media":{"audio":true,"video":false}}; the
// others show it as badges on its tile and in the participant list.
// ICE servers come from the server's configuration (GET /ice-servers, http.ice-servers).
//
// Scripts: tiles.js (tiles, badges, participant list, layout), stats.js (per-tile statistics), record.js
// (local recording), sfu.js (SFU rooms: one connection with the server, both directions, instead
// of the mesh), and this file: the state machine, signaling, the calls and chat.
//
// URL parameters (also used by the end-to-end tests): ?room=NAME&name=NAME&autojoin=1&token=TOKEN&sfu=1
// window.peerstack exposes the page's state for tests and the console.
'use strict';

const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);
const CHAT_LABEL = 'chat';
/** Negotiation steps kept per peer for diagnosis (peer.negotiationLog). */
const NEGOTIATION_LOG_SIZE = 50;
/** Reconnect backoff: first delay, cap (milliseconds), and jitter (share of the delay). */
const RECONNECT_FIRST_MS = 1000, RECONNECT_MAX_MS = 10000, RECONNECT_JITTER = 0.2;
/** Join refusals: the server's error code and what it means to a user. */
const REFUSALS = {
  'room-full': 'the room has the most members the server allows',
  'too-many-rooms': 'the server holds the most rooms it allows',
  'unauthorized': 'this room needs a valid token (?token=...)',
  'already-joined': 'this connection is in a room already',
  'bad-message': 'the server did not accept the room or name',
  'room-mode': 'this room is a mesh room; join it without SFU, or pick another room',
  'sfu-unavailable': 'this server has no SFU (sfu.enabled) or cannot hold SFU rooms',
};

const state = {
  phase: 'idle',               // idle | joining | joined | reconnecting
  ws: null, selfId: null, room: null, name: '', localStream: null,
  media: {audio: true, video: true},  // whether our microphone and camera are on
  peers: new Map(),            // peer id -> {pc, name, polite, makingOffer, ignoreOffer, settingRemoteAnswer, chat, stream, tile, media}
  received: [],                // chat messages received: {from, text}
  recorder: null, recordings: [],
  iceServers: [], lastError: null, attempt: 0, reconnectTimer: null, keepalive: null,
};

function setStatus(text, kind) {
  $('status').textContent = text;
  $('status').dataset.state = kind || 'idle';
}

function setPhase(phase) {
  state.phase = phase;
  updateButtons();
  renderParticipants();
}

/** Every control enabled exactly when it does something. */
function updateButtons() {
  const idle = state.phase === 'idle';
  $('join').disabled = !idle;
  $('hangup').disabled = idle;
  $('mute').disabled = !state.localStream;
  $('camera-off').disabled = !state.localStream;
  $('record').disabled = !(state.phase === 'joined' || state.recorder);
  for (const id of ['room', 'name', 'camera', 'microphone', 'sfu']) $(id).disabled = !idle;
  const chatOpen = sfu.active ? state.peers.size > 0
      : [...state.peers.values()].some(p => p.chat && p.chat.readyState === 'open');
  $('chat-input').disabled = !chatOpen;
  $('send').disabled = !chatOpen;
}

// ---- devices -------------------------------------------------------------------------------------

async function listDevices() {
  const devices = await navigator.mediaDevices.enumerateDevices();
  for (const [kind, select] of [['videoinput', $('camera')], ['audioinput', $('microphone')]]) {
    const previous = select.value;
    select.replaceChildren(...devices.filter(d => d.kind === kind).map((d, i) => {
      const option = document.createElement('option');
      option.value = d.deviceId;
      option.textContent = d.label || `${kind} ${i + 1}`;
      return option;
    }));
    if ([...select.options].some(o => o.value === previous)) select.value = previous;
  }
}

async function openLocalMedia() {
  const camera = $('camera').value, microphone = $('microphone').value;
  const stream = await navigator.mediaDevices.getUserMedia({
    video: camera ? {deviceId: {exact: camera}} : true,
    audio: microphone ? {deviceId: {exact: microphone}} : true,
  });
  $('local').srcObject = stream;
  await listDevices();   // labels are only visible after permission was granted
  return stream;
}

async function fetchIceServers() {
  try {
    const response = await fetch('/ice-servers', {cache: 'no-store'});
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const body = await response.json();
    return Array.isArray(body.iceServers) ? body.iceServers : [];
  } catch (e) {
    console.warn('no ICE servers from the server (' + e + '); calls work on one network only');
    return [];
  }
}

// ---- signaling and the call's life cycle ---------------------------------------------------------

function send(message) {
  if (state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify(message));
}

async function join() {
  if (state.phase !== 'idle') return;
  setPhase('joining');
  setStatus('opening camera and microphone', 'busy');
  try {
    state.localStream = await openLocalMedia();
  } catch (e) {
    setPhase('idle');
    setStatus('camera/microphone: ' + e.name + ' ' + e.message, 'error');
    return;
  }
  if (state.phase !== 'joining') { releaseMedia(); return; }   // hung up meanwhile
  state.media = {audio: true, video: true};
  state.room = $('room').value.trim() || 'demo';
  state.name = $('name').value.trim();
  updateLocalTile();
  updateButtons();
  state.iceServers = await fetchIceServers();
  if (state.phase === 'joining') connect();
}

function connect() {
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/signaling';
  const ws = new WebSocket(url, 'peerstack-signaling.v1');
  state.ws = ws;
  state.lastError = null;
  setStatus(state.attempt ? `reconnecting to the server (attempt ${state.attempt})` : 'connecting to the server', 'busy');
  ws.onopen = () => send({type: 'join', room: state.room, ...(state.name ? {name: state.name} : {}),
                          ...(params.get('token') ? {token: params.get('token')} : {}),
                          ...(sfuRequested() ? {sfu: true} : {})});
  ws.onmessage = e => { if (state.ws === ws) onSignal(JSON.parse(e.data)); };
  ws.onclose = e => { if (state.ws === ws) connectionLost(e.code); };
  clearInterval(state.keepalive);
  state.keepalive = setInterval(() => send({type: 'ping'}), 20000);
}

function onSignal(m) {
  switch (m.type) {
    case 'joined':
      state.selfId = m.id; state.room = m.room; state.attempt = 0;
      setPhase('joined');
      setStatus(`in ${m.sfu ? 'SFU ' : ''}room "${m.room}" as ${state.name || m.id}`, 'joined');
      if (m.sfu) {
        sfuStart();
        m.members.forEach(member => sfuMember(member.id, member.name));
      } else {
        m.members.forEach(member => startPeer(ensurePeer(member.id, member.name)));
      }
      announceMedia();
      renderParticipants();
      break;
    case 'peer-joined': sfu.active ? sfuMember(m.id, m.name) : ensurePeer(m.id, m.name); announceMedia(m.id); break;
    case 'peer-left': case 'bye': if (!(m.type === 'bye' && sfuSignal(m))) closePeer(m.type === 'bye' ? m.from : m.id); break;
    case 'offer': case 'answer':
      if (!sfuSignal(m)) onDescription(ensurePeer(m.from), {type: m.type, sdp: m.sdp});
      break;
    case 'candidate': {
      const peer = state.peers.get(m.from);
      if (peer && m.candidate) {
        peer.pc.addIceCandidate({candidate: m.candidate, sdpMid: m.sdpMid, sdpMLineIndex: m.sdpMLineIndex})
          .catch(e => { if (!peer.ignoreOffer) console.warn('candidate', e); });
      }
      break;
    }
    case 'message': onAppMessage(m); break;
    case 'error':
      state.lastError = m.code;
      if (m.ref === 'join') refused(m.code);
      else if (m.code === 'sfu-refused') setStatus('the SFU refused: ' + (m.message || m.code), 'error');
      else if (m.code === 'going-away') setStatus('the server is shutting down; reconnecting', 'busy');
      else console.warn('signaling error', m);
      break;
  }
}

/** The server refused the join: release everything and let the user try again. */
function refused(code) {
  leave();
  setStatus(`join refused: ${code}` + (REFUSALS[code] ? ` (${REFUSALS[code]})` : ''), 'error');
}

/** The WebSocket closed without our asking: reconnect with backoff and join the same room again. */
function connectionLost(code) {
  state.ws = null;
  clearInterval(state.keepalive);
  closeAllPeers();
  state.selfId = null;
  if (state.phase === 'idle') return;
  const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** state.attempt)
      * (1 - RECONNECT_JITTER + 2 * RECONNECT_JITTER * Math.random());
  state.attempt++;
  setPhase('reconnecting');
  setStatus(`lost the server (${code}${state.lastError ? ' ' + state.lastError : ''}); `
      + `reconnecting in ${(delay / 1000).toFixed(1)} s (attempt ${state.attempt})`, 'busy');
  clearTimeout(state.reconnectTimer);
  state.reconnectTimer = setTimeout(() => { if (state.phase === 'reconnecting') connect(); }, delay);
}

/** Hang up: say bye, close everything, back to idle. */
function hangup() {
  if (state.phase === 'idle') return;
  if (sfu.active) send({type: 'bye', to: SFU_ID});
  else for (const id of state.peers.keys()) send({type: 'bye', to: id});
  leave();
  setStatus('not joined');
}

/** Closes the connection, the calls, the recording and the camera and microphone; back to idle. */
function leave() {
  const ws = state.ws;
  state.ws = null;
  if (ws) ws.close(1000);
  clearInterval(state.keepalive);
  clearTimeout(state.reconnectTimer);
  if (state.recorder) stopRecording();
  closeAllPeers();
  releaseMedia();
  state.selfId = null; state.attempt = 0;
  setPhase('idle');
}

function releaseMedia() {
  if (state.localStream) state.localStream.getTracks().forEach(t => t.stop());
  state.localStream = null;
  $('local').srcObject = null;
  state.media = {audio: true, video: true};
  for (const [id, text] of [['mute', 'Mute'], ['camera-off', 'Camera off']]) {
    $(id).textContent = text;
    $(id).classList.remove('on');
  }
  updateLocalTile();
  updateButtons();
}

// ---- one peer connection per member (perfect negotiation) ------------------------------------------

function ensurePeer(id, name) {
  let peer = state.peers.get(id);
  if (peer || !state.selfId) return peer;
  const pc = new RTCPeerConnection({iceServers: state.iceServers});
  peer = {id, pc, name: name || id, polite: state.selfId < id, makingOffer: false, ignoreOffer: false, started: false,
          settingRemoteAnswer: false, negotiationLog: [],
          stream: new MediaStream(), media: {audio: true, video: true}, tile: null, statsTimer: null, lastStats: null};
  peer.tile = addTile(peer);
  state.peers.set(id, peer);
  pc.onicecandidate = ({candidate}) => candidate && candidate.candidate && send({type: 'candidate', to: id,
      candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex});
  pc.onnegotiationneeded = async () => {
    try {
      peer.makingOffer = true;
      await pc.setLocalDescription();
      negotiationLog(peer, `sent ${pc.localDescription.type} (${pc.signalingState})`);
      send({type: pc.localDescription.type, to: id, sdp: pc.localDescription.sdp});
    } catch (e) {
      console.warn('offer', e);
    } finally {
      peer.makingOffer = false;
    }
  };
  pc.ontrack = ({track, streams}) => {
    const stream = streams[0] || peer.stream;
    peer.tile.querySelector('video').srcObject = stream;
    peer.stream = stream;
    track.onunmute = () => peer.tile.classList.add('live');
  };
  pc.ondatachannel = ({channel}) => watchChannel(peer, channel);
  pc.onconnectionstatechange = () => { updateTile(peer); renderParticipants(); };
  renderParticipants();
  return peer;
}

/** Adds our tracks and chat channel to the connection, once. */
function startPeer(peer) {
  if (!peer || peer.started || !state.localStream) return;
  peer.started = true;
  peer.chat = peer.pc.createDataChannel(CHAT_LABEL);
  watchChannel(peer, peer.chat);
  state.localStream.getTracks().forEach(t => peer.pc.addTrack(t, state.localStream));
}

async function onDescription(peer, description) {
  if (!peer) return;
  const pc = peer.pc;
  // An offer that arrives while our setRemoteDescription(answer) is still pending is not a collision: the
  // answer leaves us stable and the browser's operations chain applies the offer after it (W3C perfect
  // negotiation's isSettingRemoteAnswerPending). Without this an impolite page ignored a bot's offer sent
  // right after its answer and went stable, the bot waited for an answer for ever (issue 18).
  const readyForOffer = !peer.makingOffer && (pc.signalingState === 'stable' || peer.settingRemoteAnswer);
  const collision = description.type === 'offer' && !readyForOffer;
  peer.ignoreOffer = !peer.polite && collision;
  negotiationLog(peer, `received ${description.type} in ${pc.signalingState}`
      + (peer.settingRemoteAnswer ? ' (answer pending)' : '') + (peer.makingOffer ? ' (making an offer)' : '')
      + (peer.ignoreOffer ? ': ignored' : collision ? ': rolling back' : ''));
  if (peer.ignoreOffer) return;
  try {
    peer.settingRemoteAnswer = description.type === 'answer';
    try {
      await pc.setRemoteDescription(description);   // implicit rollback when polite and colliding
    } finally {
      peer.settingRemoteAnswer = false;
    }
    if (description.type === 'offer') {
      startPeer(peer);                              // callee: our tracks reuse the offered transceivers
      await pc.setLocalDescription();
      negotiationLog(peer, `sent ${pc.localDescription.type} (${pc.signalingState})`);
      send({type: pc.localDescription.type, to: peer.id, sdp: pc.localDescription.sdp});
    }
  } catch (e) {
    negotiationLog(peer, `${description.type} failed: ${e}`);
    console.warn('description', e);
  }
}

/** Keeps the last NEGOTIATION_LOG_SIZE negotiation steps per peer (peer.negotiationLog), for tests' failure messages. */
function negotiationLog(peer, text) {
  peer.negotiationLog.push(`${(performance.now() / 1000).toFixed(3)} ${text}`);
  if (peer.negotiationLog.length > NEGOTIATION_LOG_SIZE) peer.negotiationLog.shift();
}

function watchChannel(peer, channel) {
  channel.onopen = updateButtons;
  channel.onclose = updateButtons;
  channel.onmessage = e => {
    const text = typeof e.data === 'string' ? e.data : '(binary)';
    state.received.push({from: peer.id, text});
    addMessage(peer.name, text);
  };
}

function closePeer(id) {
  const peer = state.peers.get(id);
  if (!peer) return;
  state.peers.delete(id);
  clearInterval(peer.statsTimer);
  if (!peer.sfu) peer.pc.close();     // an SFU member's pc is the shared subscribe connection
  if (peer.tile) peer.tile.remove();
  layout();
  updateButtons();
  renderParticipants();
}

function closeAllPeers() {
  for (const id of [...state.peers.keys()]) closePeer(id);
  sfuStop();
}

// ---- microphone and camera state, shown to the others ---------------------------------------------

/** Tells everyone (or one member) whether our microphone and camera are on. */
function announceMedia(to) {
  if (state.phase === 'joined') send({type: 'message', ...(to ? {to} : {}), data: {media: state.media}});
}

function onAppMessage(m) {
  const peer = state.peers.get(m.from);
  if (sfu.active && m.data && typeof m.data.chat === 'string') {   // chat in SFU rooms (sfu.js)
    state.received.push({from: m.from, text: m.data.chat});
    addMessage(peer ? peer.name : m.from, m.data.chat);
    return;
  }
  const media = m.data && m.data.media;
  if (!peer || !media || typeof media !== 'object') return;
  peer.media = {audio: media.audio !== false, video: media.video !== false};
  updateTile(peer);
  renderParticipants();
}

function toggle(kind) {
  if (!state.localStream) return;
  const tracks = kind === 'audio' ? state.localStream.getAudioTracks() : state.localStream.getVideoTracks();
  const enabled = !state.media[kind];
  tracks.forEach(t => t.enabled = enabled);
  state.media = {...state.media, [kind]: enabled};
  const button = kind === 'audio' ? $('mute') : $('camera-off');
  button.textContent = kind === 'audio' ? (enabled ? 'Mute' : 'Unmute') : (enabled ? 'Camera off' : 'Camera on');
  button.classList.toggle('on', !enabled);
  updateLocalTile();
  renderParticipants();
  announceMedia();
}

// ---- chat ------------------------------------------------------------------------------------------

function sendChat(text) {
  if (sfu.active) {
    const members = sfuSendChat(text);
    addMessage('you', text);
    return members;
  }
  let sent = 0;
  for (const peer of state.peers.values()) {
    if (peer.chat && peer.chat.readyState === 'open') { peer.chat.send(text); sent++; }
  }
  addMessage('you', text);
  return sent;
}

function addMessage(who, text) {
  const li = document.createElement('li');
  li.textContent = `${who}: ${text}`;
  $('messages').append(li);
  li.scrollIntoView({block: 'nearest'});
}

// ---- wiring ----------------------------------------------------------------------------------------

$('join').onclick = join;
$('hangup').onclick = hangup;
$('mute').onclick = () => toggle('audio');
$('camera-off').onclick = () => toggle('video');
$('record').onclick = () => state.recorder ? stopRecording() : startRecording();
$('chat-form').onsubmit = e => {
  e.preventDefault();
  const text = $('chat-input').value.trim();
  if (text) sendChat(text);
  $('chat-input').value = '';
};
navigator.mediaDevices.ondevicechange = listDevices;
if (params.get('room')) $('room').value = params.get('room');
if (params.get('name')) $('name').value = params.get('name');
if (params.get('sfu') === '1') $('sfu').checked = true;
new ResizeObserver(layout).observe($('videos'));
window.addEventListener('resize', layout);
updateLocalTile();
updateButtons();
layout();
listDevices().then(() => { if (params.get('autojoin') === '1') join(); });

/** Test and console hooks. */
window.peerstack = {
  state, sfu,
  join, hangup, sendChat, startRecording, stopRecording, tileStats: id => tileStats(state.peers.get(id)),
  /** Which controls are enabled, by element id. */
  enabled() {
    const result = {};
    for (const id of ['join', 'hangup', 'mute', 'camera-off', 'record', 'send', 'chat-input', 'room', 'name']) {
      result[id] = !$(id).disabled;
    }
    return result;
  },
  /** Per peer: connection state and totals from getStats (inbound video/audio, data received). */
  async stats() {
    const result = {};
    for (const [id, peer] of state.peers) {
      if (peer.sfu) { result[id] = await sfuStats(peer); continue; }
      const s = {connectionState: peer.pc.connectionState, framesDecoded: 0, audioSamplesReceived: 0,
                 audioEnergy: 0, bytesReceived: 0, frameWidth: 0};
      (await peer.pc.getStats()).forEach(r => {
        if (r.type !== 'inbound-rtp') return;
        s.bytesReceived += r.bytesReceived || 0;
        if (r.kind === 'video') { s.framesDecoded += r.framesDecoded || 0; s.frameWidth = r.frameWidth || s.frameWidth; }
        if (r.kind === 'audio') { s.audioSamplesReceived += r.totalSamplesReceived || 0; s.audioEnergy += r.totalAudioEnergy || 0; }
      });
      result[id] = s;
    }
    return result;
  },
  /** Size in bytes of the last finished local recording, or -1. */
  lastRecordingSize() {
    return state.recordings.length ? state.recordings[state.recordings.length - 1].size : -1;
  },
  /** MIME type of the last finished local recording, or "". */
  lastRecordingType() {
    return state.recordings.length ? state.recordings[state.recordings.length - 1].type : '';
  },
};
