// Assessment form: show each follow-up question only when it applies.
//
// The rules come from the form itself (data-conditions, built from CONDITIONS in
// planner/forms/assessment.py), so this file holds no clinical logic. Without JavaScript every
// question shows with its "(only if ...)" hint and the server checks the answers. Hidden
// questions are disabled, so a stale answer the clinician cannot see is never submitted; it
// comes back, unchanged, if the question applies again.
"use strict";

(function () {
  function valuesOf(form, name) {
    var values = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
      if (input.disabled) {
        return;
      }
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) {
          values.push(input.value);
        }
      } else if (input.tagName === "SELECT" && input.multiple) {
        Array.prototype.forEach.call(input.selectedOptions, function (option) {
          values.push(option.value);
        });
      } else {
        values.push(input.value.trim());
      }
    });
    return values;
  }

  function applies(form, rule) {
    var values = [];
    rule.fields.forEach(function (name) {
      values = values.concat(valuesOf(form, name));
    });
    if (rule["in"]) {
      return values.some(function (value) { return rule["in"].indexOf(value) !== -1; });
    }
    if (rule.filled) {
      return values.some(function (value) { return value !== ""; });
    }
    if (rule.gt !== undefined) {
      return values.some(function (value) {
        return /^\d+$/.test(value) && parseInt(value, 10) > rule.gt;
      });
    }
    return true;
  }

  function update(form, conditions) {
    Object.keys(conditions).forEach(function (name) {
      var wrapper = document.getElementById("div_id_" + name);
      if (!wrapper) {
        return;
      }
      var show = applies(form, conditions[name]);
      wrapper.hidden = !show;
      wrapper.querySelectorAll("input, select, textarea").forEach(function (input) {
        input.disabled = !show;
      });
    });
  }

  // The age risk factor suggestion: show the sentence for the sex at birth and age as answered.
  // The sentences and their ages come from the page (forms/assessment/age.py).
  function updateAgeRisk(form) {
    var sex = form.querySelector('[name="sex_at_birth"]');
    var ageInput = form.querySelector('[name="age"]');
    var age = ageInput && /^\d+$/.test(ageInput.value.trim()) ? parseInt(ageInput.value, 10) : null;
    form.querySelectorAll(".age-risk-suggestion").forEach(function (sentence) {
      var suggested = age !== null && age >= parseInt(sentence.dataset.fromAge, 10);
      sentence.hidden = !(sex && sex.value === sentence.dataset.sex && age !== null &&
        (sentence.dataset.suggested === "yes") === suggested);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("assessment-form");
    if (!form || !form.dataset.conditions) {
      return;
    }
    var conditions = JSON.parse(form.dataset.conditions);
    form.classList.add("js-conditions");
    update(form, conditions);
    form.addEventListener("input", function () { update(form, conditions); updateAgeRisk(form); });
    form.addEventListener("change", function () { update(form, conditions); updateAgeRisk(form); });
  });
})();
