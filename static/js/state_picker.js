// The member-State picker (meetings/state_picker.py): a search box that filters the States, "all of this region"
// and "none" per regional group, and the counts of States chosen. Without this script the checkboxes alone work.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function fill(template, chosen, total) {
    return template.replace("__chosen__", chosen).replace("__total__", total);
  }

  function setUp(picker) {
    var search = picker.querySelector("[data-state-picker-search]");
    var count = picker.querySelector("[data-state-picker-count]");
    var regions = Array.prototype.slice.call(picker.querySelectorAll("[data-region]"));
    var states = Array.prototype.slice.call(picker.querySelectorAll("[data-state]"));
    states.forEach(function (state) {
      state.dataset.name = fold(state.querySelector("label").textContent);
    });

    function update() {
      var boxes = picker.querySelectorAll("input[type=checkbox]");
      var chosen = picker.querySelectorAll("input[type=checkbox]:checked").length;
      var query = fold(search.value);
      var shown = 0;
      count.textContent = fill(count.dataset.template, chosen, boxes.length);
      regions.forEach(function (region) {
        var regionBoxes = region.querySelectorAll("input[type=checkbox]");
        var regionChosen = region.querySelectorAll("input[type=checkbox]:checked").length;
        var label = region.querySelector("[data-region-count]");
        label.textContent = fill(label.dataset.template, regionChosen, regionBoxes.length);
        var matches = 0;
        region.querySelectorAll("[data-state]").forEach(function (state) {
          var match = !query || state.dataset.name.indexOf(query) !== -1;
          state.hidden = !match;
          matches += match ? 1 : 0;
        });
        region.hidden = query !== "" && matches === 0;
        if (query && matches) {
          region.open = true;
        }
        shown += matches;
      });
      if (query && shown === 0) {
        count.textContent = count.dataset.noneFound;
      }
    }

    picker.querySelectorAll("[data-state-picker-tools]").forEach(function (tools) {
      tools.hidden = false;
    });
    picker.addEventListener("change", update);
    search.addEventListener("input", update);
    // Enter in the search box must not submit the form.
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
    regions.forEach(function (region) {
      region.querySelectorAll("[data-select]").forEach(function (button) {
        button.addEventListener("click", function () {
          var check = button.dataset.select === "all";
          // Only the States in view: "all" after a search takes the States found, not the whole region.
          region.querySelectorAll("[data-state]").forEach(function (state) {
            if (!state.hidden) {
              state.querySelector("input").checked = check;
            }
          });
          update();
        });
      });
    });
    update();
  }

  document.querySelectorAll("[data-state-picker]").forEach(setUp);
})();
