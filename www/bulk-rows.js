// Preparing a file's rows for buildBatchRequests and runBulkCreate, and collecting the problems
// that the check before sending shows. Row numbers are the library's: zero-based data records.

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isError(problem) {
  return problem.severity === "error";
}

/**
 * Prepares the rows of `parsed`, the result of parseAccessPackageRows, for sending. A row
 * that has neither `catalogId` nor `catalog` gets `defaultCatalogId`, when that is not blank.
 *
 * A row with a parse error, such as a CSV record with more cells than the header, becomes
 * `null` in `inputs`. The library then reports it as not an object and sends nothing for it,
 * while every other row keeps its file's row number.
 *
 * Returns `{ inputs, rows, blockedRows, defaultedRows }`: `rows` has the default applied but
 * no `null`, `blockedRows` maps each row with a parse error to its parse problems, and
 * `defaultedRows` is the set of rows that got the default.
 */
export function prepareRows(parsed, defaultCatalogId) {
  const defaultId = defaultCatalogId.trim();
  const blockedRows = new Map();
  for (const problem of parsed.problems) {
    if (problem.row !== undefined && isError(problem)) {
      const list = blockedRows.get(problem.row) ?? [];
      list.push(problem);
      blockedRows.set(problem.row, list);
    }
  }

  const defaultedRows = new Set();
  const rows = parsed.rows.map((row, index) => {
    const needsDefault = isPlainObject(row) && !("catalogId" in row) && !("catalog" in row);
    if (defaultId === "" || !needsDefault) {
      return row;
    }
    defaultedRows.add(index);
    return { ...row, catalogId: defaultId };
  });
  const inputs = rows.map((row, index) => (blockedRows.has(index) ? null : row));
  return { inputs, rows, blockedRows, defaultedRows };
}

/**
 * Checks prepared rows with the library and returns what the page shows before sending:
 * `{ problems, rowCount, validCount, errorRowCount, warningRowCount, batchCount, fileErrors,
 * optionProblems }`. `problems` lists the file's problems first and then each row's in row
 * order. `fileErrors` are the errors that concern the whole file, such as a bad header, and
 * `optionProblems` those of the connection settings.
 *
 * Throws the library's Error for an invalid option value.
 */
export function checkRows(library, parsed, prepared, options) {
  const built = library.buildBatchRequests(prepared.inputs, options);
  const fileProblems = parsed.problems.filter((problem) => problem.row === undefined);
  const optionProblems = built.problems.filter((problem) => problem.row === undefined);

  const problemsByRow = new Map();
  const addRowProblem = (problem) => {
    const list = problemsByRow.get(problem.row) ?? [];
    list.push(problem);
    problemsByRow.set(problem.row, list);
  };
  for (const problem of parsed.problems) {
    if (problem.row !== undefined) {
      addRowProblem(problem);
    }
  }
  for (const problem of built.problems) {
    if (problem.row !== undefined && !prepared.blockedRows.has(problem.row)) {
      addRowProblem(problem);
    }
  }
  // A blocked row was sent to the library as null, so its own fields are validated here.
  for (const row of prepared.blockedRows.keys()) {
    const validation = library.validateAccessPackage(prepared.rows[row], options);
    for (const problem of validation.problems) {
      addRowProblem({ ...problem, row });
    }
  }

  const rowNumbers = [...problemsByRow.keys()].sort((a, b) => a - b);
  const rowProblems = rowNumbers.flatMap((row) => problemsByRow.get(row));
  const errorRowCount = rowNumbers.filter((row) => problemsByRow.get(row).some(isError)).length;
  const warningRowCount = rowNumbers.length - errorRowCount;
  const rowCount = parsed.rows.length;
  return {
    problems: [...fileProblems, ...optionProblems, ...rowProblems],
    rowCount,
    validCount: rowCount - errorRowCount,
    errorRowCount,
    warningRowCount,
    batchCount: built.batches.length,
    fileErrors: fileProblems.filter(isError),
    optionProblems,
  };
}

/**
 * Returns the message of the first catalog problem in a row that got the default catalog ID,
 * so the default field can show it once instead of once per row. Returns undefined when there
 * is none.
 */
export function defaultCatalogProblem(problems, defaultedRows) {
  const problem = problems.find((candidate) => candidate.path === "catalogId"
    && defaultedRows.has(candidate.row)
    && isError(candidate));
  return problem?.message;
}
