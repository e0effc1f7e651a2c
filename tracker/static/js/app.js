// Small progressive enhancements; the application works without JavaScript.
"use strict";

document.addEventListener("click", (event) => {
  const target = event.target.closest("[data-confirm]");
  if (target && !window.confirm(target.dataset.confirm)) {
    event.preventDefault();
  }
});

// A group marked data-roving (the activity-type switch, a group of checkboxes) is one Tab
// stop: arrows move inside it, Space ticks a box, Enter follows a link. Without JavaScript
// every item stays reachable with Tab.
function setupRovingGroup(group) {
  const items = Array.from(group.querySelectorAll("a[href], input"));
  if (items.length < 2) {
    return;
  }
  const current = items.find((item) => item.getAttribute("aria-current") === "page" || item.checked)
    || items[0];
  const makeStop = (stop) => items.forEach((item) => { item.tabIndex = item === stop ? 0 : -1; });
  makeStop(current);
  group.addEventListener("focusin", (event) => {
    if (items.includes(event.target)) {
      makeStop(event.target);
    }
  });
  group.addEventListener("keydown", (event) => {
    const index = items.indexOf(event.target);
    if (index < 0) {
      return;
    }
    const moves = {
      ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1,
      Home: 0, End: items.length - 1,
    };
    if (!(event.key in moves)) {
      return;
    }
    event.preventDefault();
    const next = items[(moves[event.key] + items.length) % items.length];
    makeStop(next);
    next.focus();
  });
}

document.querySelectorAll("[data-roving]").forEach(setupRovingGroup);

// French file pickers (see the file_input macro): show the chosen file's name.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "file") {
    return;
  }
  const shown = document.querySelector(`[data-file-name-for="${input.id}"]`);
  if (shown) {
    const names = Array.from(input.files || []).map((file) => file.name);
    shown.textContent = names.length ? names.join(", ") : "Aucun fichier choisi";
  }
});

// Questionnaire narratives: typed text is never silently left out of a download or an archive.
const narratives = document.getElementById("narratives");
if (narratives) {
  const areas = Array.from(document.querySelectorAll('textarea[form="narratives"]'));
  let unsaved = false;
  let leaving = false;
  // Drafts save themselves a few seconds after typing stops (the button still saves at once).
  const state = document.querySelector("[data-save-state]");
  let timer = null;
  let edits = 0;
  const autosave = () => {
    const sent = edits;
    fetch(narratives.dataset.autosave, {
      method: "POST", body: new FormData(narratives), headers: { Accept: "application/json" },
    })
      .then((response) => ((response.headers.get("Content-Type") || "").includes("json")
        ? response.json().then((body) => ({ ok: response.ok, body }))
        : { ok: false, body: { error: "Brouillon non enregistré (la page a peut-être expiré) : "
            + "enregistrez avec le bouton." } }))
      .then(({ ok, body }) => {
        if (ok && sent === edits) {
          unsaved = false;
        }
        if (state) {
          state.textContent = ok ? `Brouillon enregistré à ${body.saved_at}` : body.error;
        }
      })
      .catch(() => {
        if (state) {
          state.textContent = "Pas de connexion : brouillon non enregistré, réessai au prochain texte tapé.";
        }
      });
  };
  const typed = Array.from(document.querySelectorAll(
    'textarea[form="narratives"], input[form="narratives"]'));
  typed.forEach((field) => field.addEventListener("input", () => {
    unsaved = true;
    edits += 1;
    if (state) {
      state.textContent = "Modifications non enregistrées…";
    }
    if (narratives.dataset.autosave) {
      window.clearTimeout(timer);
      timer = window.setTimeout(autosave, 5000);
    }
  }));
  narratives.addEventListener("submit", () => { unsaved = false; window.clearTimeout(timer); });
  window.addEventListener("beforeunload", (event) => {
    if (unsaved && !leaving) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  document.querySelectorAll("[data-unsaved-warning]").forEach((link) => {
    link.addEventListener("click", (event) => {
      if (!unsaved) {
        return;
      }
      if (window.confirm(link.dataset.unsavedWarning)) {
        leaving = true;  // a download: the page stays, with its text still unsaved
        window.setTimeout(() => { leaving = false; }, 1000);
      } else {
        event.preventDefault();
      }
    });
  });
  // The finalise confirmation names the empty narratives and any unsaved text.
  document.querySelectorAll("[data-finalise]").forEach((button) => {
    button.addEventListener("click", (event) => {
      const empty = areas.filter((area) => !area.value.trim())
        .map((area) => `« ${area.labels[0] ? area.labels[0].textContent.trim() : area.name} »`);
      let message = button.dataset.finalise;
      if (empty.length) {
        message += `\n\nAttention, ${empty.length} texte(s) vide(s) : ${empty.join(", ")}.`;
      }
      if (unsaved) {
        message += "\n\nVos derniers textes ne sont pas enregistrés et ne seront pas archivés : "
          + "annulez et enregistrez d'abord le brouillon.";
      }
      if (window.confirm(message)) {
        leaving = true;
      } else {
        event.preventDefault();
      }
    });
  });
}

// A background import's progress bar: asks the server how far it is twice a second, and
// shows the result (the same page, reloaded) when it is done. Without JavaScript the page
// has an « Actualiser » link.
function followJob(box) {
  const bar = box.querySelector("[data-job-bar]");
  const phase = box.querySelector("[data-job-phase]");
  const count = box.querySelector("[data-job-count]");
  const number = new Intl.NumberFormat("fr-BE");
  const poll = () => {
    fetch(box.dataset.jobProgress, { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : null))
      .then((job) => {
        if (!job) {
          return;
        }
        if (job.finished) {
          window.location.assign(job.url);
          return;
        }
        phase.textContent = job.phase;
        if (job.total) {
          bar.max = job.total;
          bar.value = job.done;
          if ("jobRows" in box.dataset) {
            count.textContent = `${number.format(job.done)} / ${number.format(job.total)} lignes`;
          }
        }
        window.setTimeout(poll, 500);
      })
      .catch(() => window.setTimeout(poll, 2000));
  };
  window.setTimeout(poll, 500);
}

document.querySelectorAll("[data-job-progress]").forEach(followJob);

// The entry form of a consultation: once the dossier code is typed, the dossier's data (for
// those who may see it) are ticked in the form, to correct where they changed; what is saved
// is recorded on the dossier from the consultation's day.
function setupDossierLookup(row) {
  const input = row.querySelector("input[name='dossier']");
  const note = document.getElementById("dossier-note");
  const form = row.closest("form");
  const dimensions = (row.dataset.dossierDimensions || "").split(" ").filter(Boolean);
  if (!input || !form) {
    return;
  }
  const lookup = async () => {
    const code = input.value.trim();
    if (!code) {
      note.textContent = "";
      return;
    }
    const body = new FormData();
    body.append("code", code);
    body.append("csrf_token", form.querySelector("input[name='csrf_token']").value);
    const response = await fetch(row.dataset.dossierLookup, {
      method: "POST", body, headers: { Accept: "application/json" },
    });
    if (!response.ok) {
      return;
    }
    const found = await response.json();
    note.textContent = found.message;
    if (found.status !== "known") {
      return;
    }
    dimensions.forEach((code) => {
      const values = found.values[code] || [];
      form.querySelectorAll(`input[name='${code}']`).forEach((box) => {
        box.checked = values.includes(box.value);
      });
    });
  };
  input.addEventListener("change", lookup);
}

document.querySelectorAll("[data-dossier-lookup]").forEach(setupDossierLookup);

// « / » anywhere but in a field puts the cursor in the header's search box.
const searchBox = document.querySelector("[data-search-shortcut]");
if (searchBox) {
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      searchBox.focus();
    }
  });
}
