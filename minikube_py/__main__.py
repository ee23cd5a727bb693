"""`python -m minikube_py` runs the mkpy command line."""

from minikube_py.cli.main import main

if __name__ == "__main__":
    main()
