// The few DOM helpers the panels share.

/** A table row of text cells; numbers are right-aligned, undefined shows as a dash. */
export function row(values) {
  const tr = document.createElement('tr');
  for (const value of values) {
    const td = document.createElement('td');
    td.textContent = value ?? '–';
    if (typeof value === 'number') {
      td.className = 'number';
    }
    tr.append(td);
  }
  return tr;
}

/** A span of text, with an optional class. */
export function span(content, className) {
  const element = document.createElement('span');
  element.textContent = content;
  if (className) {
    element.className = className;
  }
  return element;
}
