"""Fits y = a*x + b to the fetched data by gradient descent, reporting progress per epoch."""
import argparse
import csv
import json
import os

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=3)
args = parser.parse_args()

run_dir = os.environ["CCWF_RUN_DIR"]
with open(os.path.join(run_dir, "data.csv")) as f:
    rows = [(float(r["x"]), float(r["y"])) for r in csv.DictReader(f)]

a, b, rate = 0.0, 0.0, 0.0005
for epoch in range(1, args.epochs + 1):
    for _ in range(200):
        da = sum((a * x + b - y) * x for x, y in rows) / len(rows)
        db = sum((a * x + b - y) for x, y in rows) / len(rows)
        a, b = a - rate * da, b - rate * db * 50
    loss = sum((a * x + b - y) ** 2 for x, y in rows) / len(rows)
    print(f"# cloudmesh status=running progress={100 * epoch // args.epochs} epoch={epoch} loss={loss:.4f}")

with open(os.path.join(run_dir, "model.json"), "w") as f:
    json.dump({"a": a, "b": b, "loss": loss}, f)
print(f"trained: y = {a:.3f} x + {b:.3f}")
