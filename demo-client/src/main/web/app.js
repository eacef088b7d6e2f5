// peerstack demo page: joins a room on the peerstack signaling server (docs/signaling-protocol.md) and
// calls every other member (browsers and Java bots alike) in a full mesh, one RTCPeerConnection each,
// negotiated with the W3C "perfect negotiation" pattern. Of two members the one with the smaller peer id
// is polite: the same rule as org.peerstack.demo.Room, so pages and bots interoperate.
// Who calls whom (also as in Room): the member who joins calls every member already there, adding its
// tracks and chat channel at once; a member already there adds them when the newcomer's first offer
// arrives, before answering, so that the first offer never collides with another.
//
// URL parameters (also used by the end-to-end tests): ?room=NAME&name=NAME&autojoin=1
// window.peerstack exposes the page's state for tests and the console.
'use strict';

const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);
const CHAT_LABEL = 'chat';

const state = {
  ws: null, selfId: null, room: null, localStream: null,
  peers: new Map(),            // peer id -> {pc, name, polite, makingOffer, ignoreOffer, chat, stream, tile}
  received: [],                // chat messages received: {from, text}
  recorder: null, recordings: [],
};

function setStatus(text, kind) {
  $('status').textContent = text;
  $('status').dataset.state = kind || 'idle';
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

// ---- signaling -----------------------------------------------------------------------------------

function send(message) {
  if (state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify(message));
}

async function join() {
  $('join').disabled = true;
  try {
    state.localStream = await openLocalMedia();
  } catch (e) {
    setStatus('camera/microphone: ' + e.name + ' ' + e.message, 'error');
    $('join').disabled = false;
    return;
  }
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/signaling';
  const ws = new WebSocket(url, 'peerstack-signaling.v1');
  state.ws = ws;
  ws.onopen = () => send({type: 'join', room: $('room').value, ...($('name').value ? {name: $('name').value} : {})});
  ws.onmessage = e => onSignal(JSON.parse(e.data));
  ws.onclose = e => { if (state.ws === ws) { setStatus('signaling closed (' + e.code + ')', 'error'); hangup(); } };
  state.keepalive = setInterval(() => send({type: 'ping'}), 20000);
}

function onSignal(m) {
  switch (m.type) {
    case 'joined':
      state.selfId = m.id; state.room = m.room;
      setStatus(`in room "${m.room}" as ${m.id}`, 'joined');
      enableCallControls(true);
      m.members.forEach(member => startPeer(ensurePeer(member.id, member.name)));
      break;
    case 'peer-joined': ensurePeer(m.id, m.name); break;
    case 'peer-left': case 'bye': closePeer(m.type === 'bye' ? m.from : m.id); break;
    case 'offer': case 'answer': onDescription(ensurePeer(m.from), {type: m.type, sdp: m.sdp}); break;
    case 'candidate': {
      const peer = state.peers.get(m.from);
      if (peer && m.candidate) {
        peer.pc.addIceCandidate({candidate: m.candidate, sdpMid: m.sdpMid, sdpMLineIndex: m.sdpMLineIndex})
          .catch(e => { if (!peer.ignoreOffer) console.warn('candidate', e); });
      }
      break;
    }
    case 'error': console.warn('signaling error', m); if (m.ref === 'join') setStatus('join refused: ' + m.code, 'error'); break;
  }
}

// ---- one peer connection per member (perfect negotiation) ------------------------------------------

function ensurePeer(id, name) {
  let peer = state.peers.get(id);
  if (peer || !state.selfId) return peer;
  const pc = new RTCPeerConnection();
  peer = {id, pc, name: name || id, polite: state.selfId < id, makingOffer: false, ignoreOffer: false, started: false,
          stream: new MediaStream(), tile: addTile(id, name || id)};
  state.peers.set(id, peer);
  pc.onicecandidate = ({candidate}) => candidate && candidate.candidate && send({type: 'candidate', to: id,
      candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex});
  pc.onnegotiationneeded = async () => {
    try {
      peer.makingOffer = true;
      await pc.setLocalDescription();
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
  pc.onconnectionstatechange = () => peer.tile.querySelector('figcaption').textContent =
      `${peer.name} (${pc.connectionState})`;
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
  const collision = description.type === 'offer' && (peer.makingOffer || pc.signalingState !== 'stable');
  peer.ignoreOffer = !peer.polite && collision;
  if (peer.ignoreOffer) return;
  try {
    await pc.setRemoteDescription(description);   // implicit rollback when polite and colliding
    if (description.type === 'offer') {
      startPeer(peer);                              // callee: our tracks reuse the offered transceivers
      await pc.setLocalDescription();
      send({type: pc.localDescription.type, to: peer.id, sdp: pc.localDescription.sdp});
    }
  } catch (e) {
    console.warn('description', e);
  }
}

function watchChannel(peer, channel) {
  channel.onopen = () => { $('chat-input').disabled = false; $('chat-form').querySelector('button').disabled = false; };
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
  peer.pc.close();
  peer.tile.remove();
}

function addTile(id, name) {
  const figure = document.createElement('figure');
  figure.className = 'tile remote';
  figure.dataset.peer = id;
  const video = document.createElement('video');
  video.autoplay = true; video.playsInline = true;
  const caption = document.createElement('figcaption');
  caption.textContent = name;
  figure.append(video, caption);
  $('videos').append(figure);
  return figure;
}

// ---- call controls -------------------------------------------------------------------------------

function enableCallControls(on) {
  for (const id of ['hangup', 'mute', 'camera-off', 'record']) $(id).disabled = !on;
  $('join').disabled = on;
}

function hangup() {
  if (state.recorder) stopRecording();
  for (const id of [...state.peers.keys()]) { send({type: 'bye', to: id}); closePeer(id); }
  const ws = state.ws;
  state.ws = null;
  if (ws) ws.close(1000);
  clearInterval(state.keepalive);
  if (state.localStream) state.localStream.getTracks().forEach(t => t.stop());
  state.localStream = null; state.selfId = null;
  $('local').srcObject = null;
  enableCallControls(false);
  $('chat-input').disabled = true;
  if ($('status').dataset.state !== 'error') setStatus('not joined');
}

function toggle(kind, button, onText, offText) {
  const tracks = kind === 'audio' ? state.localStream.getAudioTracks() : state.localStream.getVideoTracks();
  const enabled = !tracks.every(t => t.enabled);
  tracks.forEach(t => t.enabled = enabled);
  button.textContent = enabled ? onText : offText;
  button.classList.toggle('on', !enabled);
}

function sendChat(text) {
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
  li.scrollIntoView();
}

// ---- local recording of the whole call (browser MediaRecorder) -------------------------------------
// Every video (local and remote) is drawn into one canvas grid; every audio track is mixed by Web Audio.

function startRecording() {
  const canvas = document.createElement('canvas');
  canvas.width = 1280; canvas.height = 720;
  const g = canvas.getContext('2d');
  const audio = new AudioContext();
  const mix = audio.createMediaStreamDestination();
  const sources = new Set();
  const draw = () => {
    const videos = [...document.querySelectorAll('#videos video')].filter(v => v.srcObject);
    const cols = Math.ceil(Math.sqrt(videos.length || 1)), rows = Math.ceil((videos.length || 1) / cols);
    const w = canvas.width / cols, h = canvas.height / rows;
    g.fillStyle = '#000'; g.fillRect(0, 0, canvas.width, canvas.height);
    videos.forEach((v, i) => g.drawImage(v, (i % cols) * w, Math.floor(i / cols) * h, w, h));
    for (const v of videos) {
      for (const t of v.srcObject.getAudioTracks()) {
        if (!sources.has(t.id) && t.readyState === 'live') {
          sources.add(t.id);
          audio.createMediaStreamSource(new MediaStream([t])).connect(mix);
        }
      }
    }
  };
  const timer = setInterval(draw, 1000 / 30);
  draw();
  const stream = new MediaStream([...canvas.captureStream(30).getVideoTracks(), ...mix.stream.getAudioTracks()]);
  const recorder = new MediaRecorder(stream, {mimeType: 'video/webm;codecs=vp8,opus'});
  const chunks = [];
  recorder.ondataavailable = e => { if (e.data.size) { chunks.push(e.data); state.recordedChunks = chunks.length; } };
  recorder.onstop = () => {
    clearInterval(timer);
    audio.close();
    const blob = new Blob(chunks, {type: recorder.mimeType});
    state.recordings.push(blob);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `peerstack-call-${new Date().toISOString().replace(/[:.]/g, '-')}.webm`;
    a.textContent = `${a.download} (${(blob.size / 1024).toFixed(0)} KiB)`;
    $('recordings').append(a);
  };
  recorder.start(1000);
  state.recorder = recorder;
  state.recordedChunks = 0;
  $('record').textContent = 'Stop recording';
  $('record').classList.add('on');
}

function stopRecording() {
  state.recorder.stop();
  state.recorder = null;
  $('record').textContent = 'Record';
  $('record').classList.remove('on');
}

// ---- wiring ----------------------------------------------------------------------------------------

$('join').onclick = join;
$('hangup').onclick = hangup;
$('mute').onclick = () => toggle('audio', $('mute'), 'Mute', 'Unmute');
$('camera-off').onclick = () => toggle('video', $('camera-off'), 'Camera off', 'Camera on');
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
listDevices().then(() => { if (params.get('autojoin') === '1') join(); });

/** Test and console hooks. */
window.peerstack = {
  state,
  join, hangup, sendChat, startRecording, stopRecording,
  /** Per peer: connection state and totals from getStats (inbound video/audio, data received). */
  async stats() {
    const result = {};
    for (const [id, peer] of state.peers) {
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
