resource "aws_eks_node_group" "gpu" {
  cluster_name    = "ml-platform"
  node_group_name = "gpu-l4"
  node_role_arn   = "arn:aws:iam::123456789012:role/eks-nodes"
  subnet_ids      = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  instance_types  = ["g6.12xlarge"]
  capacity_type   = "SPOT"

  scaling_config {
    desired_size = 2
    min_size     = 0
    max_size     = 8
  }

  labels = {
    "nvidia.com/gpu.present" = "true"
  }

  # The pool serves the support assistant (a chatbot: Art. 50 transparency duties).
  tags = {
    "aiguard.io/risk-class"    = "limited"
    "aiguard.io/role"          = "provider"
    "aiguard.io/ai-disclosure" = "chat-widget-banner"
  }
}
