// Added to every test browser before Streamlit's own code (conftest.new_context): it watches the
// page's WebSocket and tells whether the last script run the page asked for is over.
// Streamlit's frontend asks with a BackMsg carrying `rerun_script` (field 11) and the server ends
// each run with a ForwardMsg carrying `script_finished` (field 6), whose value 2 means "stopped
// early for the next run" (streamlit/proto/BackMsg.proto, ForwardMsg.proto). Only the top level of
// each message is read.
// The frontend asks a few milliseconds after the click or key that causes it (1 to 11 ms measured
// on 2 busy cores): for INPUT_GRACE_MS after a person's input, a run may still be asked for, so
// the page is not settled yet. An input that asks for nothing (a choice inside a form) settles
// after that grace. window.__scriptRuns.settled() is what wait_for_rerun waits for.
(() => {
  const RERUN_SCRIPT = 11;
  const SCRIPT_FINISHED = 6;
  const FINISHED_EARLY_FOR_RERUN = 2;
  const INPUT_GRACE_MS = 100;
  const runs = { events: 0, lastAsked: 0, lastFinished: 0, lastInput: 0, inputAt: 0 };
  runs.settled = () =>
    runs.lastFinished > runs.lastAsked
    && (runs.lastAsked > runs.lastInput || performance.now() - runs.inputAt > INPUT_GRACE_MS);

  for (const type of ["pointerdown", "keydown", "click", "input", "change"]) {
    const noteInput = () => {
      runs.lastInput = ++runs.events;
      runs.inputAt = performance.now();
    };
    window.addEventListener(type, noteInput, true);
  }

  function topLevelFields(buffer) {
    const bytes = new Uint8Array(buffer);
    const fields = [];
    let at = 0;
    const varint = () => {
      let value = 0;
      for (let shift = 0; at < bytes.length; shift += 7) {
        const byte = bytes[at++];
        value += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) break;
      }
      return value;
    };
    while (at < bytes.length) {
      const key = varint();
      const field = Math.floor(key / 8);
      const wire = key % 8;
      if (wire === 0) fields.push([field, varint()]);
      else if (wire === 2) { const length = varint(); fields.push([field, null]); at += length; }
      else if (wire === 1) at += 8;
      else if (wire === 5) at += 4;
      else break;
    }
    return fields;
  }

  const asBuffer = (data) => (data instanceof ArrayBuffer ? data
    : ArrayBuffer.isView(data) ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)
    : null);

  const Native = window.WebSocket;
  const send = Native.prototype.send;
  Native.prototype.send = function (data) {
    const buffer = asBuffer(data);
    if (buffer && topLevelFields(buffer).some(([field]) => field === RERUN_SCRIPT)) {
      runs.lastAsked = ++runs.events;
    }
    return send.call(this, data);
  };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (message) => {
        const buffer = asBuffer(message.data);
        if (!buffer) return;
        for (const [field, value] of topLevelFields(buffer)) {
          if (field === SCRIPT_FINISHED && value !== FINISHED_EARLY_FOR_RERUN) {
            runs.lastFinished = ++runs.events;
          }
        }
      });
    }
  };
  window.__scriptRuns = runs;
})();
