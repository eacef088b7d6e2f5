// peerstack demo page: video tiles, their badges, the participant list, and the layout that sizes the
// tiles to fill the video area. Loaded before app.js; uses its $ and state when called.
'use strict';

/** Badges for a member: its connection state when not connected, muted, camera off. */
function badges(media, connection) {
  const list = [];
  if (connection && connection !== 'connected') list.push(['state', connection]);
  if (media.audio === false) list.push(['muted', 'muted']);
  if (media.video === false) list.push(['camera-off', 'camera off']);
  return list.map(([kind, text]) => {
    const span = document.createElement('span');
    span.className = 'badge' + (kind === 'state' ? ' state' : '');
    span.dataset.badge = kind;
    span.textContent = text;
    return span;
  });
}

function addTile(peer) {
  const figure = document.createElement('figure');
  figure.className = 'tile remote';
  figure.dataset.peer = peer.id;
  const video = document.createElement('video');
  video.autoplay = true; video.playsInline = true;
  const placeholder = document.createElement('div');
  placeholder.className = 'placeholder';
  const caption = document.createElement('figcaption');
  caption.innerHTML = '<span class="name"></span> <span class="badges"></span>';
  const statsButton = document.createElement('button');
  statsButton.className = 'stats-toggle';
  statsButton.textContent = 'stats';
  statsButton.title = 'resolution, frame rate, bit rate, round-trip time and codec of this call';
  statsButton.onclick = () => toggleStats(peer);
  figure.append(video, placeholder, caption, statsButton);
  $('videos').append(figure);
  updateTile(peer, figure);
  layout();
  return figure;
}

function updateTile(peer, figure = peer.tile) {
  figure.querySelector('.name').textContent = peer.name;
  figure.querySelector('.placeholder').textContent = peer.name;
  figure.querySelector('.badges').replaceChildren(...badges(peer.media, peer.pc.connectionState));
  figure.dataset.connection = peer.pc.connectionState;
  figure.dataset.camera = peer.media.video ? 'on' : 'off';
  figure.dataset.microphone = peer.media.audio ? 'on' : 'off';
}

function updateLocalTile() {
  const tile = document.querySelector('.tile.local');
  const label = state.name ? `you (${state.name})` : 'you';
  tile.querySelector('.name').textContent = label;
  tile.querySelector('.placeholder').textContent = state.localStream ? label : 'not joined';
  tile.querySelector('.badges').replaceChildren(...(state.localStream ? badges(state.media) : []));
  tile.dataset.camera = state.localStream && !state.media.video ? 'off' : 'on';
  if (state.localStream) delete tile.dataset.idle; else tile.dataset.idle = '';
}

function renderParticipants() {
  const items = [];
  if (state.phase !== 'idle') {
    const li = document.createElement('li');
    li.dataset.peer = 'self';
    li.innerHTML = '<span class="name"></span>';
    li.querySelector('.name').textContent = state.name ? `${state.name} (you)` : 'you';
    li.append(...badges(state.media, state.phase === 'joined' ? null : state.phase));
    items.push(li);
  }
  for (const peer of state.peers.values()) {
    const li = document.createElement('li');
    li.dataset.peer = peer.id;
    li.innerHTML = '<span class="name"></span>';
    li.querySelector('.name').textContent = peer.name;
    // An SFU member without a tile sends nothing: the shared subscribe connection's state is not its own.
    li.append(...badges(peer.media, peer.sfu && !peer.tile ? null : peer.pc.connectionState));
    items.push(li);
  }
  $('participants').replaceChildren(...items);
  $('people-count').textContent = items.length;
}

/** Narrow screens stack the page; the video area then takes at most this share of the window height. */
const NARROW = matchMedia('(max-width: 760px)'), NARROW_VIDEO_SHARE = 0.7;

/**
 * Sizes the tiles so that they fill the video area: the largest 4:3 tile width at which all of them fit.
 * On a narrow screen the area is as tall as its tiles (at most NARROW_VIDEO_SHARE of the window).
 */
function layout() {
  const box = $('videos');
  const tiles = box.querySelectorAll('.tile').length;
  const gap = 8, width = box.clientWidth;
  const height = NARROW.matches ? Math.max(200, innerHeight * NARROW_VIDEO_SHARE) : box.clientHeight;
  let best = 0, bestRows = 1;
  for (let cols = 1; cols <= tiles; cols++) {
    const rows = Math.ceil(tiles / cols);
    const w = Math.min((width - gap * (cols - 1)) / cols, (height - gap * (rows - 1)) / rows * 4 / 3);
    if (w > best) { best = w; bestRows = rows; }
  }
  const tileWidth = Math.max(96, Math.floor(best) - 1);
  box.style.setProperty('--tile-w', tileWidth + 'px');
  box.style.height = NARROW.matches ? Math.ceil(bestRows * tileWidth * 3 / 4 + gap * (bestRows - 1)) + 'px' : '';
  box.dataset.count = tiles;
}

