// peerstack demo page: local recording of the whole call with the browser's MediaRecorder. Every video
// (local and remote) is drawn into one canvas grid; every audio track is mixed by Web Audio. Loaded
// before app.js; uses its $ and state when called.
'use strict';

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
  updateButtons();
}

function stopRecording() {
  state.recorder.stop();
  state.recorder = null;
  $('record').textContent = 'Record';
  $('record').classList.remove('on');
  updateButtons();
}

